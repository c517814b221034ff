package dev.ferry.migrate;

import dev.ferry.spi.SqlSplitter;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statements that open or end a transaction themselves (BEGIN, START TRANSACTION, COMMIT, END,
 * ROLLBACK, ABORT, PREPARE TRANSACTION), and MySQL's {@code SET autocommit = 0} (the session then
 * keeps a transaction open until COMMIT) and {@code = 1} (commits it). Savepoints are not: they live inside Ferry's transaction.
 * Neither are routine bodies: PostgreSQL's {@code BEGIN ATOMIC} and a trigger's {@code BEGIN … END}
 * are inside a CREATE statement, MariaDB's {@code BEGIN NOT ATOMIC} is a block, and
 * {@code DO $$ BEGIN … END $$} is a quoted body.
 */
final class TransactionControl {
    enum Effect { NONE, BEGINS, COMMITS, ROLLS_BACK }

    /** What may follow BEGIN when it starts a transaction (PostgreSQL, SQLite, MySQL). */
    private static final Set<String> BEGIN_WORDS = Set.of("", "WORK", "TRANSACTION", "DEFERRED", "IMMEDIATE", "EXCLUSIVE", "ISOLATION", "READ",
            "DEFERRABLE");
    /** {@code SET autocommit = 0}, {@code SET @@session.autocommit=OFF}, {@code SET LOCAL autocommit = 1}, … */
    private static final Pattern AUTOCOMMIT = Pattern.compile(
            "(?i)set\\s+(?:.*?,\\s*)?(?:@@(?:session\\.|local\\.)?|session\\s+|local\\s+)?autocommit\\s*(?:=|:=|\\s+to\\s)\\s*(0|1|off|on|false|true)\\s*(?:,.*)?", Pattern.DOTALL);

    private TransactionControl() {
    }

    /** What a split statement does to the transaction; COPY data and psql commands do nothing to it. */
    static Effect of(SqlSplitter.Statement st) {
        return st.kind() == SqlSplitter.Kind.SQL ? of(st.sql()) : Effect.NONE;
    }

    /** What a statement (split, without leading comments) does to the transaction. */
    static Effect of(String sql) {
        Matcher autocommit = AUTOCOMMIT.matcher(sql.strip());
        if (autocommit.matches()) {
            return switch (autocommit.group(1).toLowerCase(Locale.ROOT)) {
                case "0", "off", "false" -> Effect.BEGINS;
                default -> Effect.COMMITS;
            };
        }
        String[] w = sql.strip().toUpperCase(Locale.ROOT).split("\\s+", 4);
        String first = w[0];
        String second = w.length > 1 ? w[1] : "";
        String third = w.length > 2 ? w[2] : "";
        return switch (first) {
            case "BEGIN" -> BEGIN_WORDS.contains(second) || second.equals("NOT") && third.startsWith("DEFERRABLE") ? Effect.BEGINS : Effect.NONE;
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

    static boolean isControl(SqlSplitter.Statement st) {
        return of(st) != Effect.NONE;
    }
}
