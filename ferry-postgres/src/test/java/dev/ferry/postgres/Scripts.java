package dev.ferry.postgres;

import dev.ferry.spi.SqlSplitter;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs a repair script statement by statement, as psql would without --single-transaction. */
final class Scripts {
    private Scripts() {
    }

    static void apply(Connection c, String script) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (SqlSplitter.Statement st : SqlSplitter.split(script, false)) {
                try {
                    s.execute(st.sql());
                } catch (SQLException e) {
                    throw new SQLException("script line " + st.line() + " failed: " + st.sql() + "\n" + e.getMessage() + "\n--- script ---\n" + script, e);
                }
            }
        }
    }
}
