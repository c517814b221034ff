package dev.ferry.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where the batches of a batched data migration begin and end: ranges of a table's integer key of
 * {@code size} rows each, found on the key's index (unlike the backup's {@code stream.KeyRanges}, which
 * cuts a table into a few ranges of equal key width for parallel streams).
 */
final class BatchBounds {
    private final Connection c;
    private final String table;
    private final String key;
    private final int size;

    BatchBounds(Connection c, String table, String key, int size) {
        this.c = c;
        this.table = table;
        this.key = key;
        this.size = size;
    }

    /** The key {@code size} rows after {@code from}: the end of the range that starts there (exclusive), or null for the last range. */
    Long nextBound(long from) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + key + " FROM " + table + " WHERE " + key + " >= ? ORDER BY " + key
                + " LIMIT 1 OFFSET " + size)) {
            p.setLong(1, from);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : null;
            }
        }
    }

    long count(long from, long to) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + key + " >= ? AND " + key + " < ?")) {
            p.setLong(1, from);
            p.setLong(2, to);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    Long min() throws SQLException {
        return single("SELECT MIN(" + key + ") FROM " + table);
    }

    Long max() throws SQLException {
        return single("SELECT MAX(" + key + ") FROM " + table);
    }

    private Long single(String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            if (!r.next()) {
                return null;
            }
            long v = r.getLong(1);
            return r.wasNull() ? null : v;
        }
    }
}
