package dev.ferry.data;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Progress;
import dev.ferry.spi.AdvisoryLock;
import dev.ferry.spi.AdvisoryLocking;
import dev.ferry.spi.Database;
import dev.ferry.spi.LoadSignals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code ferry data}: the data migrations of a directory against one database, under the database's
 * "data" lock so that two runners never work at once (the second waits, then exits 5 naming the
 * holder). A migration whose last runner died (RUNNING with no lock held) is taken over from its
 * last committed batch; one that fails stops the run, since later ones may build on it.
 */
public final class DataRun {
    static final String LOCK_NAME = "data";
    private final Database database;
    private final List<DataMigration> migrations;
    private final Progress progress;
    private final Consumer<String> notes;
    private final String owner;
    private final Path logDir;

    /** How a run goes: dry or not, its patience for the lock, its pace, the record errors it puts up with. */
    public record Options(boolean dryRun, Duration lockTimeout, long maxRowsPerSecond, long maxErrors, int maxActiveSessions,
                          double maxReplicationLagSeconds, int jobs) {
        /** One range at a time, no bound on the load but the errors'. */
        public static Options plain(boolean dryRun, Duration lockTimeout, long maxErrors) {
            return new Options(dryRun, lockTimeout, 0, maxErrors, -1, -1, 1);
        }
    }

    /**
     * @param owner  who runs it, as the history keeps it (host, process, environment)
     * @param logDir where the per-record outcome logs go ({@code reports/data})
     */
    public DataRun(Database database, List<DataMigration> migrations, Progress progress, Consumer<String> notes, String owner, Path logDir) {
        this.database = database;
        this.migrations = migrations;
        this.progress = progress;
        this.notes = notes;
        this.owner = owner;
        this.logDir = logDir;
    }

    /** Every data migration with its state; the history's rows whose file is gone, too. */
    public DataResult status() {
        try (Connection c = database.connect()) {
            return new DataResult(database.url().redacted(), items(DataHistory.read(c, database.dialect())), false, 0);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "reading " + DataHistory.TABLE + " of " + database.url().redacted() + " failed: " + e.getMessage(), null, e);
        }
    }

    private List<DataResult.Item> items(Map<String, DataHistory.Entry> history) {
        List<DataResult.Item> items = new ArrayList<>();
        for (DataMigration m : migrations) {
            DataHistory.Entry e = history.get(m.id());
            if (e == null) {
                items.add(DataResult.Item.pending(m));
            } else {
                String note = e.status() == DataHistory.Status.COMPLETED && !e.checksum().equals(DataHistory.fingerprint(m))
                        ? m.origin() + " was changed after it completed"
                        : e.status() == DataHistory.Status.RUNNING ? running(e) : e.detail();
                items.add(DataResult.Item.of(e, m.kind(), note));
            }
        }
        history.values().stream().filter(e -> migrations.stream().noneMatch(m -> m.id().equals(e.id())))
                .forEach(e -> items.add(DataResult.Item.of(e, "?", "no data migration D" + e.id() + " any more (file, class or command)")));
        return items;
    }

    /** Who runs it and how far: a runner that died shows here until the next run takes it over. */
    private static String running(DataHistory.Entry e) {
        return "by " + e.owner() + (e.lastKey() == null ? "" : ", up to key " + e.lastKey())
                + (e.heartbeat() == null ? "" : ", last checkpoint " + e.heartbeat().toLocalDateTime().withNano(0).toString().replace('T', ' '));
    }

    /**
     * Runs the pending data migrations (or only {@code only}) in version order. With a dry run every
     * batch runs in a transaction that is rolled back, and nothing is recorded.
     */
    public DataResult run(String only, Options options) {
        long started = System.nanoTime();
        List<DataMigration> chosen = only == null ? migrations : List.of(find(only));
        Throttle.Bounds bounds = new Throttle.Bounds(options.maxRowsPerSecond(), options.maxActiveSessions(), options.maxReplicationLagSeconds());
        if (bounds.watchesLoad() && database.dialect().capability(LoadSignals.class).isEmpty()) {
            throw new FerryException(ErrorCode.USAGE, database.dialect().name() + " cannot tell how busy it is: --max-active-sessions and"
                    + " --max-replication-lag work on PostgreSQL (and sessions on MariaDB/MySQL)", "keep the load down with --max-rows-per-second");
        }
        MigrationRun.Settings settings = new MigrationRun.Settings(database.dialect(), options.dryRun(), owner, progress, notes, bounds,
                options.maxErrors(), logDir, options.jobs(), database::connect);
        try {
            return locked(options.lockTimeout(), (c, monitor) -> {
                if (options.maxReplicationLagSeconds() >= 0
                        && database.dialect().require(LoadSignals.class, "tell how busy it is").replicationLagSeconds(monitor).isEmpty()) {
                    throw new FerryException(ErrorCode.USAGE, database.dialect().name() + " cannot tell from the primary how far its replicas lag,"
                            + " so --max-replication-lag cannot be kept", "use --max-active-sessions or --max-rows-per-second");
                }
                return runAll(c, monitor, chosen, only, settings, started);
            });
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "running data migrations on " + database.url().redacted() + " failed: " + e.getMessage(), null, e);
        } finally {
            progress.finish();
        }
    }

    private DataMigration find(String id) {
        return migrations.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow(() -> new FerryException(ErrorCode.USAGE,
                "there is no data migration " + id + " (D" + id + "__*.sql, .cmd, or a class whose id() is " + id + ")", "ferry data list shows their ids"));
    }

    private DataResult runAll(Connection c, Connection monitor, List<DataMigration> chosen, String only, MigrationRun.Settings settings, long started)
            throws SQLException {
        boolean dryRun = settings.dryRun();
        if (!dryRun) {
            DataHistory.ensure(c, database.dialect());
        }
        Map<String, DataHistory.Entry> history = DataHistory.read(c, database.dialect());
        List<DataResult.Item> done = new ArrayList<>();
        for (DataMigration m : chosen) {
            DataHistory.Entry earlier = history.get(m.id());
            if (earlier != null && (earlier.status() == DataHistory.Status.COMPLETED || earlier.status() == DataHistory.Status.SKIPPED)) {
                if (only != null) {
                    notes.accept("D" + m.id() + " is " + earlier.status().name().toLowerCase(java.util.Locale.ROOT) + " already; ferry data reset "
                            + m.id() + " runs it again from the start");
                }
                continue;
            }
            if (earlier != null && earlier.status() == DataHistory.Status.RUNNING) {
                notes.accept("D" + m.id() + " was left RUNNING by " + earlier.owner() + ", which no longer holds the lock: taken over"
                        + (earlier.lastKey() == null ? "" : " after key " + earlier.lastKey() + " (" + earlier.processed() + " rows done)"));
            }
            DataResult.Item item = new MigrationRun(settings, c, monitor, m, earlier).run();
            done.add(item);
            if (item.status().equals(DataHistory.Status.FAILED.name())) {
                throw new FerryException(ErrorCode.STEP_FAILED, "data migration D" + m.id() + " (" + m.description() + ") failed: " + item.detail(),
                        "fix the cause, then run ferry data run again: it goes on after the last committed batch", null);
            }
        }
        return new DataResult(database.url().redacted(), done, dryRun, (System.nanoTime() - started) / 1_000_000);
    }

    /** Work on a session of its own while another session, idle otherwise, holds the data lock. */
    private interface Locked<T> {
        T run(Connection c, Connection lockHolder) throws SQLException;
    }

    private <T> T locked(Duration lockTimeout, Locked<T> work) throws SQLException {
        try (Connection lockConnection = database.connect();
             AdvisoryLock lock = database.dialect().require(AdvisoryLocking.class, "lock").acquire(lockConnection, LOCK_NAME, lockTimeout);
             Connection c = database.connect()) {
            return work.run(c, lockConnection);
        }
    }

    /** ferry data skip: marks a migration SKIPPED without running it. */
    public void skip(String id, Duration lockTimeout) {
        DataMigration m = find(id);
        try {
            locked(lockTimeout, (c, lockHolder) -> {
                DataHistory.ensure(c, database.dialect());
                DataHistory.Entry e = DataHistory.read(c, database.dialect()).get(id);
                if (e != null && e.status() == DataHistory.Status.COMPLETED) {
                    throw new FerryException(ErrorCode.USAGE, "D" + id + " has completed; skipping it now would not undo what it did",
                            "ferry data reset " + id + " forgets it, and its rows stay as they are");
                }
                DataHistory.skip(c, m, owner, e != null);
                return null;
            });
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "skipping D" + id + " on " + database.url().redacted() + " failed: " + e.getMessage(), null, e);
        }
    }

    /**
     * ferry data down: undoes a completed (or failed) migration with its {@code down}, and forgets its
     * history row in the same transaction; what it undid.
     */
    public DataResult.Item down(String id, Duration lockTimeout) {
        DataMigration m = find(id);
        if (!m.reversible()) {
            throw new FerryException(ErrorCode.USAGE, "D" + id + " (" + m.description() + ") is not reversible: " + (m instanceof SqlDataMigration s
                    ? "there is no " + s.companion("down").getFileName() : m.origin() + " says so (reversible() is false)"),
                    "write its down (a .down.sql beside the file, or down() and reversible() in Java), or restore the table from a backup");
        }
        MigrationRun.Settings settings = new MigrationRun.Settings(database.dialect(), false, owner, progress, notes, Throttle.Bounds.NONE, Long.MAX_VALUE,
                logDir, 1, database::connect);
        try {
            return locked(lockTimeout, (c, lockHolder) -> {
                DataHistory.Entry e = DataHistory.read(c, database.dialect()).get(id);
                if (e == null || e.status() == DataHistory.Status.SKIPPED) {
                    throw new FerryException(ErrorCode.USAGE, "D" + id + " has " + (e == null ? "not run" : "been skipped") + " on "
                            + database.url().redacted() + ": there is nothing to undo", "ferry data status shows what the history holds");
                }
                try {
                    return MigrationRun.down(settings, c, m);
                } catch (SQLException | FerryException ex) {
                    throw ex;
                } catch (Exception ex) {
                    throw new FerryException(ErrorCode.STEP_FAILED, "D" + id + " down failed and was rolled back: " + ex.getMessage(),
                            "nothing was changed; fix its down and run it again", ex);
                }
            });
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "D" + id + " down failed on " + database.url().redacted() + " and was rolled back: "
                    + e.getMessage(), "nothing was changed; fix its down and run it again", e);
        } finally {
            progress.finish();
        }
    }

    /** ferry data reset: forgets a migration's history; what it cleared. */
    public DataResult.Item reset(String id, Duration lockTimeout) {
        try {
            return locked(lockTimeout, (c, lockHolder) -> {
                DataHistory.Entry e = DataHistory.read(c, database.dialect()).get(id);
                if (e == null) {
                    throw new FerryException(ErrorCode.USAGE, "D" + id + " has no history in " + database.url().redacted() + ": there is nothing to reset",
                            "ferry data status shows what the history holds");
                }
                DataHistory.reset(c, id);
                return DataResult.Item.of(e, "?", e.detail());
            });
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "resetting D" + id + " on " + database.url().redacted() + " failed: " + e.getMessage(), null, e);
        }
    }
}
