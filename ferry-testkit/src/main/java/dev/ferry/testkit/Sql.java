package dev.ferry.testkit;

import dev.ferry.spi.SqlSplitter;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small query helpers for assertions. */
public final class Sql {
    private Sql() {
    }

    /** The first column of the first row, as a number. */
    public static long scalar(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * Runs a script statement by statement in autocommit, as psql does without --single-transaction;
     * a failure names the line and statement.
     */
    public static void runScript(Connection c, String script, boolean backslashEscapes) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (SqlSplitter.Statement st : SqlSplitter.split(script, backslashEscapes)) {
                try {
                    s.execute(st.sql());
                } catch (SQLException e) {
                    throw new SQLException("script line " + st.line() + " failed: " + st.sql() + "\n" + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Runs a script in one transaction, as psql --single-transaction would, except the part before
     * the script's own first BEGIN, whose statements each commit alone (ALTER TYPE … ADD VALUE must
     * commit before its label is used). The script's own BEGIN and COMMIT are this transaction's.
     */
    public static void runScriptInOneTransaction(Connection c, String script) throws SQLException {
        java.util.List<SqlSplitter.Statement> all = SqlSplitter.split(script, false);
        int begin = 0;
        while (begin < all.size() && !isTransactionControl(all.get(begin))) {
            begin++;
        }
        if (begin == all.size()) {
            begin = 0;
        }
        runScript(c, all.subList(0, begin));
        c.setAutoCommit(false);
        try {
            runScript(c, all.subList(begin, all.size()).stream().filter(st -> !isTransactionControl(st)).toList());
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static boolean isTransactionControl(SqlSplitter.Statement st) {
        String sql = withoutComments(st.sql()).toUpperCase(java.util.Locale.ROOT);
        return sql.equals("BEGIN") || sql.equals("COMMIT");
    }

    /** A statement without the comment lines a script puts before it. */
    public static String withoutComments(String sql) {
        return String.join("\n", sql.lines().filter(l -> !l.strip().startsWith("--")).toList()).strip();
    }

    private static void runScript(Connection c, java.util.List<SqlSplitter.Statement> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (SqlSplitter.Statement st : statements) {
                try {
                    s.execute(st.sql());
                } catch (SQLException e) {
                    throw new SQLException("script line " + st.line() + " failed: " + st.sql() + "\n" + e.getMessage(), e);
                }
            }
        }
    }
}
