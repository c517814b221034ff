package dev.ferry.data;

import dev.ferry.migrate.Checksums;
import dev.ferry.spi.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ferry_data_history}: per data migration its status, its counts, the last key a committed
 * batch reached (so that a restart goes on after it), who runs it and when it last said so. Every
 * batch updates its row in the batch's own transaction: a batch and its checkpoint commit together.
 */
final class DataHistory {
    static final String TABLE = "ferry_data_history";

    /** The states of a data migration. */
    enum Status { PENDING, RUNNING, COMPLETED, FAILED, SKIPPED }

    /** One row. */
    record Entry(String id, String description, Status status, long processed, long migrated, long skipped, long errors, int stage,
                 String lastKey, long logBytes, String reasons, String owner, Timestamp heartbeat, Timestamp finished, String checksum, String detail) {
    }

    /** Counts of records: processed, and of those migrated, skipped, failed. */
    record Counts(long processed, long migrated, long skipped, long errors) {
        static final Counts NONE = new Counts(0, 0, 0, 0);

        Counts plus(Counts o) {
            return new Counts(processed + o.processed, migrated + o.migrated, skipped + o.skipped, errors + o.errors);
        }
    }

    private DataHistory() {
    }

    /** Creates the table, or adds the columns a table of an earlier Ferry lacks (stage, log_bytes). */
    static void ensure(Connection c, Dialect dialect) throws SQLException {
        if (dialect.tables(c).stream().anyMatch(t -> t.name().equals(TABLE))) {
            if (!hasStageColumns(c)) {
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE " + TABLE + " ADD COLUMN stage INT NOT NULL DEFAULT 0");
                    s.execute("ALTER TABLE " + TABLE + " ADD COLUMN log_bytes BIGINT NOT NULL DEFAULT 0");
                    s.execute("ALTER TABLE " + TABLE + " ADD COLUMN reasons TEXT");
                }
            }
            return;
        }
        String time = dialect.timestampType();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + TABLE + " (id VARCHAR(50) PRIMARY KEY, description VARCHAR(200) NOT NULL, status VARCHAR(10) NOT NULL,"
                    + " processed BIGINT NOT NULL, migrated BIGINT NOT NULL, skipped BIGINT NOT NULL, errors BIGINT NOT NULL,"
                    + " stage INT NOT NULL DEFAULT 0, last_key VARCHAR(400), log_bytes BIGINT NOT NULL DEFAULT 0, reasons TEXT,"
                    + " owner VARCHAR(300), started_at " + time + ", heartbeat_at " + time + ", finished_at " + time + ", checksum VARCHAR(64) NOT NULL,"
                    + " detail TEXT)");
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    private static boolean hasStageColumns(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM " + TABLE + " WHERE 1 = 0")) {
            for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                if (r.getMetaData().getColumnLabel(i).equalsIgnoreCase("log_bytes")) {
                    return true;
                }
            }
            return false;
        }
    }

    static Map<String, Entry> read(Connection c, Dialect dialect) throws SQLException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (dialect.tables(c).stream().noneMatch(t -> t.name().equals(TABLE))) {
            return entries;
        }
        boolean staged = hasStageColumns(c);
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, description, status, processed, migrated, skipped, errors,"
                + (staged ? " stage," : " 0,") + " last_key," + (staged ? " log_bytes, reasons," : " 0, NULL,")
                + " owner, heartbeat_at, finished_at, checksum, detail FROM " + TABLE + " ORDER BY id")) {
            while (r.next()) {
                entries.put(r.getString(1), new Entry(r.getString(1), r.getString(2), Status.valueOf(r.getString(3)), r.getLong(4), r.getLong(5),
                        r.getLong(6), r.getLong(7), r.getInt(8), r.getString(9), r.getLong(10), r.getString(11), r.getString(12), r.getTimestamp(13),
                        r.getTimestamp(14), r.getString(15), r.getString(16)));
            }
        }
        return entries;
    }

    /** Marks {@code m} RUNNING by {@code owner}, keeping the counts and last key of an earlier, unfinished run. */
    static void start(Connection c, DataMigration m, String owner, boolean exists) throws SQLException {
        String sql = exists
                ? "UPDATE " + TABLE + " SET status = 'RUNNING', owner = ?, heartbeat_at = CURRENT_TIMESTAMP, finished_at = NULL, detail = NULL,"
                        + " description = ?, checksum = ? WHERE id = ?"
                : "INSERT INTO " + TABLE + " (owner, description, checksum, id, status, processed, migrated, skipped, errors, started_at, heartbeat_at)"
                        + " VALUES (?, ?, ?, ?, 'RUNNING', 0, 0, 0, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, owner);
            p.setString(2, m.description());
            p.setString(3, fingerprint(m));
            p.setString(4, m.id());
            p.executeUpdate();
        }
    }

    /** What the history keeps of a migration's {@link DataMigration#checksum}: its SHA-256, whatever its length. */
    static String fingerprint(DataMigration m) {
        return Checksums.of(m.checksum());
    }

    /**
     * A batch's checkpoint, in the batch's transaction: its counts added, the key it reached (in the
     * migration's {@code stage}-th batched pass), and the outcome log's length after its lines.
     */
    static void checkpoint(Connection c, String id, Counts added, int stage, String lastKey, long logBytes, String reasons) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE " + TABLE + " SET processed = processed + ?, migrated = migrated + ?, skipped = skipped + ?,"
                + " errors = errors + ?, stage = ?, last_key = ?, log_bytes = ?, reasons = ?, heartbeat_at = CURRENT_TIMESTAMP WHERE id = ?")) {
            p.setLong(1, added.processed());
            p.setLong(2, added.migrated());
            p.setLong(3, added.skipped());
            p.setLong(4, added.errors());
            p.setInt(5, stage);
            p.setString(6, lastKey);
            p.setLong(7, logBytes);
            p.setString(8, reasons);
            p.setString(9, id);
            if (p.executeUpdate() != 1) {
                throw new SQLException(TABLE + " has no row for data migration " + id + ": was it reset while it ran?");
            }
        }
    }

    /** The end of a run: COMPLETED, FAILED (with why) or SKIPPED. */
    static void finish(Connection c, String id, Status status, String detail) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE " + TABLE + " SET status = ?, detail = ?, finished_at = CURRENT_TIMESTAMP,"
                + " heartbeat_at = CURRENT_TIMESTAMP WHERE id = ?")) {
            p.setString(1, status.name());
            p.setString(2, detail);
            p.setString(3, id);
            p.executeUpdate();
        }
    }

    /** A migration marked SKIPPED without running (ferry data skip). */
    static void skip(Connection c, DataMigration m, String owner, boolean exists) throws SQLException {
        start(c, m, owner, exists);
        finish(c, m.id(), Status.SKIPPED, "skipped by " + owner);
    }

    /** Forgets a migration's row: it is pending again, from its first key. */
    static int reset(Connection c, String id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM " + TABLE + " WHERE id = ?")) {
            p.setString(1, id);
            return p.executeUpdate();
        }
    }
}
