package dev.ferry.spi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** A query with text parameters whose rows go to a callback: how the schema readers read the catalogs. */
public final class Queries {
    private Queries() {
    }

    @FunctionalInterface
    public interface RowHandler {
        void accept(ResultSet row) throws SQLException;
    }

    /** Runs {@code sql} with {@code params} (nulls allowed) bound in order, and hands each row to {@code handler}. */
    public static void forEachRow(Connection c, String sql, List<String> params, RowHandler handler) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                s.setString(i + 1, params.get(i));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    handler.accept(r);
                }
            }
        }
    }
}
