package dev.ferry.copy;

import dev.ferry.spi.BulkCopy;
import dev.ferry.spi.Database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sessions a copy from MariaDB/MySQL or SQLite reads its source with, all in one snapshot. On
 * MariaDB with {@code jobs} above one, each session starts its consistent snapshot while
 * {@code FLUSH TABLES WITH READ LOCK} holds writers off for that moment, as the MariaDB backups do
 * ({@link BulkCopy#beginSnapshot}), so that key ranges of one table can be read side by side; where
 * the lock cannot be had (no RELOAD privilege, a long statement in the way), and on SQLite, the
 * first session alone reads every table.
 */
final class SourceSessions implements AutoCloseable {
    private final Connection first;
    private final List<Connection> all = new ArrayList<>();
    private final List<String> warnings;

    /** Begins the snapshot on {@code first} (the caller's, closed by the caller) and joins {@code jobs - 1} more sessions to it where possible. */
    SourceSessions(Database from, Connection first, int jobs) throws SQLException {
        this.first = first;
        all.add(first);
        Optional<BulkCopy> bulk = from.dialect().capability(BulkCopy.class);
        if (bulk.isEmpty()) {
            first.setAutoCommit(false);
            try (Statement s = first.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
                r.next(); // SQLite's deferred transaction takes its snapshot at the first read
            }
            warnings = List.of();
            return;
        }
        String snapshot = jobs > 1 ? bulk.get().beginSnapshot(first) : null;
        if (jobs > 1 && snapshot != null) {
            try {
                for (int i = 1; i < jobs; i++) {
                    Connection other = from.connect();
                    all.add(other);
                    bulk.get().joinSnapshot(other, snapshot);
                }
            } finally {
                bulk.get().allJoined(first, snapshot); // writers wait only while the sessions start their snapshots
            }
        } else if (jobs <= 1) {
            bulk.get().beginOwnSnapshot(first);
        }
        // the dialect words them for a backup; the copy leaves out the same objects
        warnings = bulk.get().warnings(first).stream().map(w -> w.replace("not in the backup", "not copied")).toList();
    }

    /** The first session, for the schema and the plan. */
    Connection first() {
        return first;
    }

    /** Every session in the snapshot, the first among them. */
    List<Connection> all() {
        return List.copyOf(all);
    }

    /** What the snapshot cannot promise (MyISAM tables outside it, objects not copied), one sentence each. */
    List<String> warnings() {
        return warnings;
    }

    @Override
    public void close() {
        for (Connection c : all) {
            if (c != first) {
                try {
                    c.close();
                } catch (SQLException e) {
                    // a broken session: nothing to keep
                }
            }
        }
    }
}
