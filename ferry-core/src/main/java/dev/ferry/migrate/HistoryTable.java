package dev.ferry.migrate;

import dev.ferry.connect.HistoryConfig;
import dev.ferry.spi.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** The {@code ferry_history} table: its DDL and every statement that reads or writes it. */
public final class HistoryTable {
    private static final String COLUMNS = "installed_rank, version, description, type, script, checksum, checksum_version,"
            + " installed_by, installed_at, execution_ms, success, transactional, failed_statement";

    private final Dialect dialect;
    private final String name;
    private final String schema;
    /** Known after the first insert: every writer holds the migration lock, so no one else appends meanwhile. */
    private int nextRank;

    public HistoryTable(Dialect dialect, HistoryConfig config) {
        this(dialect, config, null);
    }

    /**
     * @param sessionSchema where an unconfigured history lives: the session's schema when it started,
     *                      so that a migration which changes search_path (as pg_dump output does)
     *                      cannot lose the table; null to leave the name unqualified
     */
    public HistoryTable(Dialect dialect, HistoryConfig config, String sessionSchema) {
        this.dialect = dialect;
        this.schema = config.schema() == null ? null : dialect.quoteIdentifier(config.schema());
        String qualifier = config.schema() != null ? config.schema() : sessionSchema;
        this.name = qualifier == null ? dialect.quoteIdentifier(config.table())
                : dialect.quoteIdentifier(qualifier) + "." + dialect.quoteIdentifier(config.table());
    }

    public String name() {
        return name;
    }

    public boolean exists(Connection c) {
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM " + name + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Creates the table (and its schema, when one is configured) unless it exists. */
    public void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (schema != null) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            }
            s.execute("CREATE TABLE IF NOT EXISTS " + name + " ("
                    + "installed_rank INT NOT NULL PRIMARY KEY, "
                    + "version VARCHAR(50), "
                    + "description VARCHAR(200) NOT NULL, "
                    + "type VARCHAR(20) NOT NULL, "
                    + "script VARCHAR(1000) NOT NULL, "
                    + "checksum VARCHAR(80), "
                    + "checksum_version INT NOT NULL, "
                    + "installed_by VARCHAR(100) NOT NULL, "
                    + "installed_at " + dialect.timestampType() + " NOT NULL, "
                    + "execution_ms BIGINT NOT NULL, "
                    + "success BOOLEAN NOT NULL, "
                    + "transactional BOOLEAN NOT NULL, "
                    + "failed_statement TEXT)");
        }
    }

    /** Every row, in installation order; empty when the table does not exist yet. */
    public List<HistoryRow> read(Connection c) throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        if (!exists(c)) {
            return rows;
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT " + COLUMNS + " FROM " + name + " ORDER BY installed_rank")) {
            while (r.next()) {
                Timestamp at = r.getTimestamp(9);
                rows.add(new HistoryRow(r.getInt(1), r.getString(2), r.getString(3), MigrationKind.valueOf(r.getString(4)), r.getString(5),
                        r.getString(6), r.getInt(7), r.getString(8), at == null ? null : at.toInstant(), r.getLong(10), r.getBoolean(11),
                        r.getBoolean(12), r.getString(13)));
            }
        }
        return rows;
    }

    /** Appends a row after the last one and returns its rank. */
    public int insert(Connection c, HistoryRow row) throws SQLException {
        int rank = nextRank(c);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + name + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setInt(1, rank);
            setNullableString(s, 2, row.version());
            s.setString(3, truncate(row.description(), 200));
            s.setString(4, row.kind().name());
            s.setString(5, row.script());
            setNullableString(s, 6, row.checksum());
            s.setInt(7, row.checksumVersion());
            s.setString(8, truncate(row.installedBy(), 100));
            s.setTimestamp(9, Timestamp.from(row.installedAt()));
            s.setLong(10, row.executionMs());
            s.setBoolean(11, row.success());
            s.setBoolean(12, row.transactional());
            setNullableString(s, 13, row.failedStatement());
            s.executeUpdate();
        }
        return rank;
    }

    /** Rewrites the outcome of a row written before its file ran: success, time taken, and where it failed or stopped. */
    public void outcome(Connection c, int rank, boolean success, long executionMs, String failedStatement) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + name + " SET success = ?, execution_ms = ?, failed_statement = ? WHERE installed_rank = ?")) {
            s.setBoolean(1, success);
            s.setLong(2, executionMs);
            setNullableString(s, 3, failedStatement);
            s.setInt(4, rank);
            s.executeUpdate();
        }
    }

    public void delete(Connection c, int rank) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + name + " WHERE installed_rank = ?")) {
            s.setInt(1, rank);
            s.executeUpdate();
        }
    }

    /** Points a row at a file under a new name (and version) with the same content. */
    public void repoint(Connection c, int rank, MigrationFile file) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + name + " SET version = ?, description = ?, script = ? WHERE installed_rank = ?")) {
            setNullableString(s, 1, file.version() == null ? null : file.version().toString());
            s.setString(2, truncate(file.description(), 200));
            s.setString(3, file.script());
            s.setInt(4, rank);
            s.executeUpdate();
        }
    }

    public void updateChecksum(Connection c, int rank, String checksum) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + name + " SET checksum = ?, checksum_version = ? WHERE installed_rank = ?")) {
            s.setString(1, checksum);
            s.setInt(2, Checksums.VERSION);
            s.setInt(3, rank);
            s.executeUpdate();
        }
    }

    private int nextRank(Connection c) throws SQLException {
        if (nextRank > 0) {
            return nextRank++;
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COALESCE(MAX(installed_rank), 0) + 1 FROM " + name)) {
            r.next();
            nextRank = r.getInt(1) + 1;
            return nextRank - 1;
        }
    }

    private static void setNullableString(PreparedStatement s, int i, String v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.VARCHAR);
        } else {
            s.setString(i, v);
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
