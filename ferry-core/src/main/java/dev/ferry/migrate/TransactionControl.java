package dev.ferry.migrate;

import dev.ferry.spi.Autocommit;
import dev.ferry.spi.SqlSplitter;

import java.util.Locale;
import java.util.Set;

/**
 * Statements that open or end a transaction themselves (BEGIN, START TRANSACTION, COMMIT, END,
 * ROLLBACK, ABORT, PREPARE TRANSACTION), and MySQL's {@code SET autocommit = 0} (the session then
 * keeps a transaction open until COMMIT) and {@code = 1} (commits the transaction {@code = 0} opened, not one of START TRANSACTION). Savepoints are not: they live inside Ferry's transaction.
 * Neither are routine bodies: PostgreSQL's {@code BEGIN ATOMIC} and a trigger's {@code BEGIN … END}
 * are inside a CREATE statement, MariaDB's {@code BEGIN NOT ATOMIC} is a block, and
 * {@code DO $$ BEGIN … END $$} is a quoted body.
 */
final class TransactionControl {
    enum Effect { NONE, BEGINS, COMMITS, ROLLS_BACK }

    /** What may follow BEGIN when it starts a transaction (PostgreSQL, SQLite, MySQL). */
    private static final Set<String> BEGIN_WORDS = Set.of("", "WORK", "TRANSACTION", "DEFERRED", "IMMEDIATE", "EXCLUSIVE", "ISOLATION", "READ",
            "DEFERRABLE");
    private TransactionControl() {
    }

    /** What a split statement does to the transaction; COPY data and psql commands do nothing to it. */
    static Effect of(SqlSplitter.Statement st) {
        return st.kind() == SqlSplitter.Kind.SQL ? of(st.sql()) : Effect.NONE;
    }

    /**
     * What a statement does given the file's own transaction so far ({@code openedBy}, null when none is
     * open): where a SAVEPOINT outside a transaction opens one (SQLite), it begins the file's own
     * transaction, and the RELEASE of that savepoint commits it.
     */
    static Effect of(SqlSplitter.Statement st, SqlSplitter.Statement openedBy, boolean savepointOpens) {
        Effect plain = of(st);
        if (plain == Effect.COMMITS && Boolean.TRUE.equals(Autocommit.literal(withoutComments(st.sql())))) {
            // Turning autocommit on commits only a transaction that turning it off opened: after START TRANSACTION (autocommit already on) it does nothing.
            return openedBy != null && Boolean.FALSE.equals(Autocommit.literal(withoutComments(openedBy.sql()))) ? Effect.COMMITS : Effect.NONE;
        }
        if (plain != Effect.NONE || !savepointOpens || st.kind() != SqlSplitter.Kind.SQL) {
            return plain;
        }
        String[] w = withoutComments(st.sql()).strip().split("\\s+", 3);
        String first = w[0].toUpperCase(Locale.ROOT);
        if (openedBy == null) {
            return first.equals("SAVEPOINT") ? Effect.BEGINS : Effect.NONE;
        }
        String opener = savepointName(openedBy.sql());
        if (!first.equals("RELEASE") || opener == null || w.length < 2) {
            return Effect.NONE;
        }
        String released = w[1].equalsIgnoreCase("SAVEPOINT") && w.length > 2 ? w[2] : w[1];
        return unquote(released).equalsIgnoreCase(opener) ? Effect.COMMITS : Effect.NONE;
    }

    /** The name a {@code SAVEPOINT name} statement gives, unquoted; null for any other statement. */
    static String savepointName(String sql) {
        String[] w = withoutComments(sql).strip().split("\\s+", 2);
        return w.length == 2 && w[0].equalsIgnoreCase("SAVEPOINT") ? unquote(w[1]) : null;
    }

    private static String unquote(String name) {
        String n = name.strip();
        return n.length() > 1 && "\"`[".indexOf(n.charAt(0)) >= 0 ? n.substring(1, n.length() - 1).strip() : n;
    }

    /** What a statement (split, without leading comments) does to the transaction. */
    static Effect of(String sql) {
        return ofUncommented(withoutComments(sql));
    }

    private static Effect ofUncommented(String sql) {
        Boolean autocommit = Autocommit.literal(sql);
        if (autocommit != null) {
            return autocommit ? Effect.COMMITS : Effect.BEGINS;
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

    /**
     * The statement with each comment (block, {@code --} and MySQL's {@code #} to the end of the line)
     * replaced by a space, outside quotes: {@code COMMIT /* x *&#47;} is a COMMIT, and reading its second
     * word as the comment let it through as a plain statement.
     */
    static String withoutComments(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            if (ch == '\'' || ch == '"' || ch == '`') {
                int end = sql.indexOf(ch, i + 1);
                end = end < 0 ? sql.length() : end + 1;
                out.append(sql, i, end);
                i = end;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
                out.append(' ');
            } else if (sql.startsWith("--", i) || ch == '#') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end;
                out.append(' ');
            } else {
                out.append(ch);
                i++;
            }
        }
        return out.toString();
    }

    static boolean isControl(SqlSplitter.Statement st) {
        return of(st) != Effect.NONE;
    }
}
