package dev.ferry.data;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.fault.FaultPoints;
import dev.ferry.report.Progress;
import dev.ferry.spi.AdvisoryLock;
import dev.ferry.spi.AdvisoryLocking;
import dev.ferry.spi.Database;
import dev.ferry.spi.SqlSplitter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

    /**
     * @param owner who runs it, as the history keeps it (host, process, environment)
     */
    public DataRun(Database database, List<DataMigration> migrations, Progress progress, Consumer<String> notes, String owner) {
        this.database = database;
        this.migrations = migrations;
        this.progress = progress;
        this.notes = notes;
        this.owner = owner;
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
                String edited = e.status() == DataHistory.Status.COMPLETED && !e.checksum().equals(m.checksum())
                        ? "its file was edited after it completed" : e.detail();
                items.add(DataResult.Item.of(e, m.batch() != null, edited));
            }
        }
        history.values().stream().filter(e -> migrations.stream().noneMatch(m -> m.id().equals(e.id())))
                .forEach(e -> items.add(DataResult.Item.of(e, false, "no file D" + e.id() + "__*.sql any more")));
        return items;
    }

    /**
     * Runs the pending data migrations (or only {@code only}) in version order. With {@code dryRun}
     * every batch runs in a transaction that is rolled back, and nothing is recorded.
     */
    public DataResult run(String only, boolean dryRun, Duration lockTimeout, long maxRowsPerSecond) {
        long started = System.nanoTime();
        List<DataMigration> chosen = only == null ? migrations : migrations.stream().filter(m -> m.id().equals(only)).toList();
        if (only != null && chosen.isEmpty()) {
            throw new FerryException(ErrorCode.USAGE, "there is no data migration " + only + " (D" + only + "__*.sql)",
                    "ferry data list shows their ids");
        }
        try {
            return locked(lockTimeout, c -> runAll(c, chosen, only, dryRun, maxRowsPerSecond, started));
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "running data migrations on " + database.url().redacted() + " failed: " + e.getMessage(), null, e);
        } finally {
            progress.finish();
        }
    }

    private DataResult runAll(Connection c, List<DataMigration> chosen, String only, boolean dryRun, long maxRowsPerSecond, long started)
            throws SQLException {
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
            BatchRunner runner = new BatchRunner(database, c, m, earlier, dryRun, owner, progress, maxRowsPerSecond);
            DataResult.Item item = runner.run();
            done.add(item);
            if (item.status().equals(DataHistory.Status.FAILED.name())) {
                throw new FerryException(ErrorCode.STEP_FAILED, "data migration D" + m.id() + " (" + m.description() + ") failed: " + item.detail(),
                        "fix the cause, then run ferry data run again: it goes on after the last committed batch", null);
            }
        }
        return new DataResult(database.url().redacted(), done, dryRun, (System.nanoTime() - started) / 1_000_000);
    }

    /** Work on a session of its own while another session holds the data lock. */
    private interface Locked<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T locked(Duration lockTimeout, Locked<T> work) throws SQLException {
        try (Connection lockConnection = database.connect();
             AdvisoryLock lock = database.dialect().require(AdvisoryLocking.class, "lock").acquire(lockConnection, LOCK_NAME, lockTimeout);
             Connection c = database.connect()) {
            return work.run(c);
        }
    }

    /** ferry data skip: marks a migration SKIPPED without running it. */
    public void skip(String id, Duration lockTimeout) {
        DataMigration m = migrations.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow(() -> new FerryException(ErrorCode.USAGE,
                "there is no data migration " + id + " (D" + id + "__*.sql)", "ferry data list shows their ids"));
        try {
            locked(lockTimeout, c -> {
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

    /** ferry data reset: forgets a migration's history; what it cleared. */
    public DataResult.Item reset(String id, Duration lockTimeout) {
        try {
            return locked(lockTimeout, c -> {
                DataHistory.Entry e = DataHistory.read(c, database.dialect()).get(id);
                if (e == null) {
                    throw new FerryException(ErrorCode.USAGE, "D" + id + " has no history in " + database.url().redacted() + ": there is nothing to reset",
                            "ferry data status shows what the history holds");
                }
                DataHistory.reset(c, id);
                return DataResult.Item.of(e, false, e.detail());
            });
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "resetting D" + id + " on " + database.url().redacted() + " failed: " + e.getMessage(), null, e);
        }
    }

    /** One migration's run: its batches, or the whole file once. */
    private static final class BatchRunner {
        private final Database database;
        private final Connection c;
        private final DataMigration m;
        private final DataHistory.Entry earlier;
        private final boolean dryRun;
        private final String owner;
        private final Progress progress;
        private final long maxRowsPerSecond;
        private final List<String> statements;
        private long processed;
        private long migrated;
        private int batches;
        private final List<DataResult.Sample> samples = new ArrayList<>();

        BatchRunner(Database database, Connection c, DataMigration m, DataHistory.Entry earlier, boolean dryRun, String owner, Progress progress,
                    long maxRowsPerSecond) {
            this.database = database;
            this.c = c;
            this.m = m;
            this.earlier = earlier;
            this.dryRun = dryRun;
            this.owner = owner;
            this.progress = progress;
            this.maxRowsPerSecond = maxRowsPerSecond;
            this.statements = SqlSplitter.split(m.sql(), database.dialect().backslashEscapes()).stream().map(SqlSplitter.Statement::sql).toList();
        }

        DataResult.Item run() throws SQLException {
            long began = System.nanoTime();
            try {
                if (!dryRun) {
                    c.setAutoCommit(true);
                    DataHistory.start(c, m, owner, earlier != null);
                }
                c.setAutoCommit(false);
                if (m.batch() == null) {
                    once();
                } else {
                    batched();
                    if (!dryRun) {
                        DataHistory.finish(c, m.id(), DataHistory.Status.COMPLETED, null);
                        c.commit();
                    }
                }
                return item(DataHistory.Status.COMPLETED, null, began);
            } catch (SQLException e) {
                rollbackQuietly();
                String detail = firstLine(e);
                if (!dryRun) {
                    c.setAutoCommit(true);
                    DataHistory.finish(c, m.id(), DataHistory.Status.FAILED, detail);
                }
                return item(DataHistory.Status.FAILED, detail, began);
            } finally {
                c.setAutoCommit(true);
            }
        }

        /** A file without a directive: its statements, its counts and COMPLETED in one transaction, so that it is done once or not at all. */
        private void once() throws SQLException {
            migrated = execute(List.of());
            processed = migrated;
            batches = 1;
            if (!dryRun) {
                DataHistory.checkpoint(c, m.id(), processed, migrated, 0, 0, null);
                DataHistory.finish(c, m.id(), DataHistory.Status.COMPLETED, null);
            }
            FaultPoints.reach("data.batch-before-commit");
            end();
        }

        /** The batches from the first key (or the one the last committed batch reached) to the last. */
        private void batched() throws SQLException {
            BatchDirective b = m.batch();
            String table = b.table();
            String key = b.key();
            Long max = single("SELECT MAX(" + key + ") FROM " + table);
            Long first = earlier != null && earlier.lastKey() != null ? Long.valueOf(earlier.lastKey()) : single("SELECT MIN(" + key + ") FROM " + table);
            if (max == null || first == null || first > max) {
                return;
            }
            long total = count(table, key, first, max + 1);
            long from = first;
            long began = System.nanoTime();
            while (from <= max) {
                Long next = nextBound(table, key, from, b.size());
                long to = next == null ? max + 1 : next;
                long rows = next == null ? count(table, key, from, to) : b.size();
                try {
                    if (dryRun && batches == 0) {
                        samples.add(new DataResult.Sample("before", sample(table, key, from, to)));
                    }
                    long changed = execute(List.of(from, to));
                    if (dryRun && batches == 0) {
                        samples.add(new DataResult.Sample("after", sample(table, key, from, to)));
                    }
                    processed += rows;
                    migrated += changed;
                    batches++;
                    if (!dryRun) {
                        DataHistory.checkpoint(c, m.id(), rows, changed, 0, 0, Long.toString(to));
                    }
                    FaultPoints.reach("data.batch-before-commit");
                    end();
                    FaultPoints.reach("data.batch-after-commit");
                } catch (SQLException e) {
                    throw new SQLException("in the batch from key " + from + " to " + to + ": " + e.getMessage(), e.getSQLState(), e);
                }
                progress.update("D" + m.id() + " " + m.description(), processed, total);
                throttle(began);
                from = to;
            }
        }

        /** --max-rows-per-second: waits until the rows so far are within the rate. */
        private void throttle(long began) {
            if (maxRowsPerSecond <= 0) {
                return;
            }
            long due = began + (long) (processed * 1e9 / maxRowsPerSecond);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Commits, or with --dry-run rolls back. */
        private void end() throws SQLException {
            if (dryRun) {
                c.rollback();
            } else {
                c.commit();
            }
        }

        /** Runs the file's statements with {@code :from} and {@code :to} bound; the rows they changed. */
        private long execute(List<Long> range) throws SQLException {
            long changed = 0;
            for (String sql : statements) {
                BoundSql bound = BoundSql.of(sql);
                try (PreparedStatement p = c.prepareStatement(bound.sql())) {
                    for (int i = 0; i < bound.names().size(); i++) {
                        p.setLong(i + 1, bound.names().get(i).equals("from") ? range.get(0) : range.get(1));
                    }
                    p.execute();
                    int count = p.getUpdateCount();
                    changed += Math.max(0, count);
                }
            }
            return changed;
        }

        private Long nextBound(String table, String key, long from, int size) throws SQLException {
            try (PreparedStatement p = c.prepareStatement("SELECT " + key + " FROM " + table + " WHERE " + key + " >= ? ORDER BY " + key
                    + " LIMIT 1 OFFSET " + size)) {
                p.setLong(1, from);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getLong(1) : null;
                }
            }
        }

        private long count(String table, String key, long from, long to) throws SQLException {
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + key + " >= ? AND " + key + " < ?")) {
                p.setLong(1, from);
                p.setLong(2, to);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        }

        /** A few rows of the range, as text, for a dry run's before and after. */
        private List<String> sample(String table, String key, long from, long to) throws SQLException {
            List<String> rows = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT * FROM " + table + " WHERE " + key + " >= ? AND " + key + " < ? ORDER BY " + key
                    + " LIMIT 3")) {
                p.setLong(1, from);
                p.setLong(2, to);
                try (ResultSet r = p.executeQuery()) {
                    int n = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= n; i++) {
                            row.append(i > 1 ? ", " : "").append(r.getMetaData().getColumnLabel(i)).append('=').append(r.getString(i));
                        }
                        rows.add(row.toString());
                    }
                }
            }
            return rows;
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

        private DataResult.Item item(DataHistory.Status status, String detail, long began) {
            long before = earlier == null ? 0 : earlier.processed();
            long migratedBefore = earlier == null ? 0 : earlier.migrated();
            return new DataResult.Item(m.id(), m.description(), status.name(), before + processed, migratedBefore + migrated,
                    earlier == null ? 0 : earlier.skipped(), earlier == null ? 0 : earlier.errors(), m.batch() != null,
                    batches, (System.nanoTime() - began) / 1_000_000, detail, List.copyOf(samples));
        }

        private void rollbackQuietly() {
            try {
                c.rollback();
            } catch (SQLException e) {
                // the connection is gone; the server rolled the transaction back
            }
        }

        private static String firstLine(SQLException e) {
            return String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
        }
    }
}
