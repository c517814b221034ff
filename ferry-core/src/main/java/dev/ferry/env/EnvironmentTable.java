package dev.ferry.env;

import dev.ferry.spi.Dialect;
import dev.ferry.spi.TableStats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ferry_environment} table: which environments of ferry.yaml have written to this
 * database. It lives in the session's schema (PostgreSQL), the database itself (MariaDB) or the file
 * (SQLite), unqualified like {@code ferry_copy_state}, with the dialect's own timestamp type.
 */
public final class EnvironmentTable {
    /** The table's name; schema comparison and "is the database empty" leave it out as Ferry's bookkeeping. */
    public static final String NAME = "ferry_environment";

    private EnvironmentTable() {
    }

    /** Every environment recorded, by name; empty when the table does not exist (nothing is created). */
    static List<EnvironmentRecord> read(Connection c, Dialect dialect) throws SQLException {
        List<EnvironmentRecord> rows = new ArrayList<>();
        if (!exists(c, dialect)) {
            return rows;
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT name, shared, first_seen, last_seen, host FROM "
                + dialect.quoteIdentifier(NAME) + " ORDER BY name")) {
            while (r.next()) {
                rows.add(new EnvironmentRecord(r.getString(1), r.getBoolean(2), r.getTimestamp(3).toInstant(), r.getTimestamp(4).toInstant(),
                        r.getString(5)));
            }
        }
        return rows;
    }

    /** Replaces what the table holds with {@code rows}, creating it first if needed, in one transaction. */
    static void write(Connection c, Dialect dialect, List<EnvironmentRecord> rows) throws SQLException {
        String table = dialect.quoteIdentifier(NAME);
        boolean create = !exists(c, dialect);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            if (create) {
                s.execute("CREATE TABLE " + table + " (name VARCHAR(200) NOT NULL PRIMARY KEY, shared BOOLEAN NOT NULL, first_seen "
                        + dialect.timestampType() + " NOT NULL, last_seen " + dialect.timestampType() + " NOT NULL, host VARCHAR(255))");
            }
            s.executeUpdate("DELETE FROM " + table);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " (name, shared, first_seen, last_seen, host) VALUES (?, ?, ?, ?, ?)")) {
                for (EnvironmentRecord row : rows) {
                    p.setString(1, row.name());
                    p.setBoolean(2, row.shared());
                    p.setTimestamp(3, Timestamp.from(row.firstSeen()));
                    p.setTimestamp(4, Timestamp.from(row.lastSeen()));
                    p.setString(5, row.host());
                    p.addBatch();
                }
                p.executeBatch();
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static boolean exists(Connection c, Dialect dialect) throws SQLException {
        String schema = dialect.currentSchema(c);
        for (TableStats t : dialect.tables(c)) {
            if (t.name().equals(NAME) && (t.schema() == null || schema == null || t.schema().equals(schema))) {
                return true;
            }
        }
        return false;
    }
}
