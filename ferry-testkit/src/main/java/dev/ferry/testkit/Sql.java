package dev.ferry.testkit;

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
}
