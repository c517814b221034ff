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
}
