package dev.ferry.migrate;

import java.util.Locale;
import java.util.Set;

/**
 * Statements that open or end a transaction themselves (BEGIN, START TRANSACTION, COMMIT, END,
 * ROLLBACK, ABORT, PREPARE TRANSACTION). Savepoints are not: they live inside Ferry's transaction.
 * Neither are routine bodies: PostgreSQL's {@code BEGIN ATOMIC} and a trigger's {@code BEGIN … END}
 * are inside a CREATE statement, MariaDB's {@code BEGIN NOT ATOMIC} is a block, and
 * {@code DO $$ BEGIN … END $$} is a quoted body.
 */
final class TransactionControl {
    enum Effect { NONE, BEGINS, COMMITS, ROLLS_BACK }

    /** What may follow BEGIN when it starts a transaction (PostgreSQL, SQLite, MySQL). */
    private static final Set<String> BEGIN_WORDS = Set.of("", "WORK", "TRANSACTION", "DEFERRED", "IMMEDIATE", "EXCLUSIVE", "ISOLATION", "READ");

    private TransactionControl() {
    }

    /** What a statement (split, without leading comments) does to the transaction. */
    static Effect of(String sql) {
        String[] w = sql.strip().toUpperCase(Locale.ROOT).split("\\s+", 4);
        String first = w[0];
        String second = w.length > 1 ? w[1] : "";
        String third = w.length > 2 ? w[2] : "";
        return switch (first) {
            case "BEGIN" -> BEGIN_WORDS.contains(second) || second.equals("DEFERRABLE") ? Effect.BEGINS : Effect.NONE;
            case "START" -> second.equals("TRANSACTION") ? Effect.BEGINS : Effect.NONE;
            case "COMMIT", "END" -> second.isEmpty() || second.equals("WORK") || second.equals("TRANSACTION") || second.equals("AND")
                    || second.equals("PREPARED") ? Effect.COMMITS : Effect.NONE;
            case "ROLLBACK", "ABORT" -> second.equals("TO") || third.equals("TO") ? Effect.NONE : Effect.ROLLS_BACK;
            case "PREPARE" -> second.equals("TRANSACTION") ? Effect.ROLLS_BACK : Effect.NONE;
            default -> Effect.NONE;
        };
    }

    static boolean isControl(String sql) {
        return of(sql) != Effect.NONE;
    }
}
