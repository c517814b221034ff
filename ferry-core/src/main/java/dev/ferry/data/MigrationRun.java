package dev.ferry.data;

import dev.ferry.fault.FaultPoints;
import dev.ferry.report.Progress;
import dev.ferry.spi.AsynchronousCommit;
import dev.ferry.spi.Dialect;
import dev.ferry.spi.LoadSignals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One data migration's run, and the {@link DataContext} it sees: the history row marked RUNNING, its
 * batches each committed with its checkpoint (counts, the key reached, the outcome log's length), its
 * verify, and COMPLETED or FAILED at the end. With a dry run every batch is rolled back and nothing is
 * recorded; the outcomes go to a log of their own.
 */
final class MigrationRun implements DataContext {
    private static final int SAMPLE_ROWS = 3;
    private final Settings settings;
    private final Connection c;
    private final DataMigration m;
    private final DataHistory.Entry earlier;
    private final Throttle throttle;
    private final boolean reverting;
    private OutcomeLog log;
    private DataHistory.Counts pending = DataHistory.Counts.NONE;
    private DataHistory.Counts done = DataHistory.Counts.NONE;
    private final OutcomeReasons reasons;
    private OutcomeReasons pendingReasons = OutcomeReasons.none();
    private int nextStage;
    private int stage;
    private String lastKey;
    private int batches;
    private final List<DataResult.Sample> samples = new ArrayList<>();

    /** What a run of data migrations shares. */
    record Settings(Dialect dialect, boolean dryRun, String owner, Progress progress, Consumer<String> notes, Throttle.Bounds bounds, long maxErrors,
                    Path logDir) {
    }

    /**
     * @param monitor an idle session of the same database (the one holding the data lock), where the
     *                throttle reads the load
     */
    MigrationRun(Settings settings, Connection c, Connection monitor, DataMigration m, DataHistory.Entry earlier) {
        this(settings, c, monitor, m, earlier, false);
    }

    private MigrationRun(Settings settings, Connection c, Connection monitor, DataMigration m, DataHistory.Entry earlier, boolean reverting) {
        this.reverting = reverting;
        this.settings = settings;
        this.c = c;
        this.m = m;
        this.earlier = earlier;
        this.throttle = new Throttle(settings.bounds(), settings.dialect().capability(LoadSignals.class).orElse(null), monitor,
                text -> settings.notes().accept("D" + m.id() + ": " + text));
        this.stage = earlier == null ? 0 : earlier.stage();
        this.lastKey = earlier == null ? null : earlier.lastKey();
        this.reasons = OutcomeReasons.parse(earlier == null ? null : earlier.reasons());
    }

    /** Where a migration's per-record outcomes go: {@code D<id>.jsonl}, or for a dry run {@code D<id>.dry-run.jsonl}. */
    static Path logFile(Path logDir, String id, boolean dryRun) {
        return logDir.resolve("D" + id + (dryRun ? ".dry-run" : "") + ".jsonl");
    }

    DataResult.Item run() throws SQLException {
        long began = System.nanoTime();
        boolean dryRun = settings.dryRun();
        Optional<AsynchronousCommit> asynchronous = settings.dialect().capability(AsynchronousCommit.class);
        if (!dryRun) {
            c.setAutoCommit(true);
            DataHistory.start(c, m, settings.owner(), earlier != null);
            // each batch commits with its checkpoint and the log's length: a crash of the server loses both together
            if (asynchronous.isPresent()) {
                asynchronous.get().commitAsynchronously(c);
            }
        }
        long committed = dryRun || earlier == null ? 0 : earlier.logBytes();
        log = OutcomeLog.open(logFile(settings.logDir(), m.id(), dryRun), committed);
        try {
            if (log.length() < committed) {
                settings.notes().accept("the outcome log " + log.file() + " is shorter than D" + m.id() + "'s history says: lines of earlier batches are"
                        + " missing from it; new lines are added after what is there");
            }
            c.setAutoCommit(false);
            try {
                m.up(this);
                tooManyErrors();
                Verdict verdict = dryRun ? null : m.verify(this);
                if (verdict != null && !verdict.passed()) {
                    return failed("verify: " + verdict.detail(), began);
                }
                if (!dryRun) {
                    long bytes = log.flush();
                    DataHistory.checkpoint(c, m.id(), pending, stage, lastKey, bytes, reasonsWithPending());
                    DataHistory.finish(c, m.id(), DataHistory.Status.COMPLETED, verdict == null ? null : "verify: " + verdict.detail());
                    if (asynchronous.isPresent()) {
                        asynchronous.get().commitThisOneDurably(c);
                    }
                    FaultPoints.reach("data.before-complete");
                    c.commit();
                } else {
                    log.flush();
                    c.rollback();
                }
                committed();
                return item(DataHistory.Status.COMPLETED, verdict == null ? null : "verify: " + verdict.detail(), began);
            } catch (TooManyErrors e) {
                return failed(e.getMessage(), began);
            } catch (Exception e) {
                return failed(reason(e), began);
            }
        } finally {
            c.setAutoCommit(true);
            log.close();
        }
    }

    /**
     * {@code ferry data down}: the migration's {@code down} and forgetting its history row, in one
     * transaction (its batches do not commit on their own), so that it is undone whole or not at all.
     */
    static DataResult.Item down(Settings settings, Connection c, DataMigration m) throws Exception {
        MigrationRun run = new MigrationRun(settings, c, c, m, null, true);
        long began = System.nanoTime();
        run.log = OutcomeLog.open(settings.logDir().resolve("D" + m.id() + ".down.jsonl"), 0);
        c.setAutoCommit(false);
        try {
            m.down(run);
            run.log.flush();
            DataHistory.reset(c, m.id());
            c.commit();
            run.committed();
            return run.item(DataHistory.Status.PENDING, "reverted by down", began);
        } catch (Exception e) {
            run.rollbackQuietly();
            throw e;
        } finally {
            c.setAutoCommit(true);
            run.log.close();
        }
    }

    /** Rolls back what was not committed and records FAILED with why. */
    private DataResult.Item failed(String detail, long began) throws SQLException {
        rollbackQuietly();
        log.discard();
        pending = DataHistory.Counts.NONE;
        pendingReasons = OutcomeReasons.none();
        if (!settings.dryRun()) {
            c.setAutoCommit(true);
            DataHistory.finish(c, m.id(), DataHistory.Status.FAILED, detail);
        }
        return item(DataHistory.Status.FAILED, detail, began);
    }

    @Override
    public Connection connection() {
        return c;
    }

    @Override
    public boolean dryRun() {
        return settings.dryRun();
    }

    @Override
    public void batches(String query, int size, BatchHandler handler) throws Exception {
        if (size < 1) {
            throw new IllegalArgumentException("a batch holds at least one row, not " + size);
        }
        int pass = nextStage++;
        if (passDone(pass)) {
            return;
        }
        String wrapped = "SELECT * FROM (" + query.strip().replaceAll(";\\s*$", "") + ") ferry_q";
        Map<String, Integer> columns = new LinkedHashMap<>();
        boolean integerKey;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(wrapped + " WHERE 1 = 0")) {
            ResultSetMetaData meta = r.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.putIfAbsent(meta.getColumnLabel(i), i - 1);
            }
            int type = meta.getColumnType(1);
            integerKey = type == Types.BIGINT || type == Types.INTEGER || type == Types.SMALLINT || type == Types.TINYINT;
        }
        String key = settings.dialect().quoteIdentifier(columns.keySet().iterator().next());
        Object after = resumeKey(pass, integerKey);
        long total = count("SELECT COUNT(*) FROM (" + wrapped + (after == null ? "" : " WHERE " + key + " > ?") + ") ferry_n", after);
        long seen = 0;
        String page = wrapped + " WHERE " + key + " > ? ORDER BY " + key + " LIMIT " + size;
        String first = wrapped + " ORDER BY " + key + " LIMIT " + size;
        while (true) {
            List<DataRow> rows = new ArrayList<>(Math.min(size, 100_000));
            try (PreparedStatement p = c.prepareStatement(after == null ? first : page)) {
                if (after != null) {
                    p.setObject(1, after);
                }
                try (ResultSet r = p.executeQuery()) {
                    int n = columns.size();
                    while (r.next()) {
                        Object[] values = new Object[n];
                        for (int i = 0; i < n; i++) {
                            values[i] = r.getObject(i + 1);
                        }
                        if (integerKey && values[0] instanceof Number k) {
                            values[0] = k.longValue();
                        }
                        rows.add(new DataRow(columns, values));
                    }
                }
            }
            if (rows.isEmpty()) {
                return;
            }
            Object last = rows.get(rows.size() - 1).key();
            seen += rows.size();
            RowBatch batch = new RowBatch(rows, rows.get(0).key(), last);
            runBatch(pass, batch, handler, rows.size(), String.valueOf(last), seen, total, wrapped, key);
            after = last;
            if (rows.size() < size) {
                return;
            }
        }
    }

    @Override
    public void ranges(String table, String key, int size, BatchHandler handler) throws Exception {
        int pass = nextStage++;
        if (passDone(pass)) {
            return;
        }
        Long max = single("SELECT MAX(" + key + ") FROM " + table);
        Object resume = resumeKey(pass, true);
        Long first = resume != null ? (Long) resume : single("SELECT MIN(" + key + ") FROM " + table);
        if (max == null || first == null || first > max) {
            return;
        }
        long total = rangeCount(table, key, first, max + 1);
        long seen = 0;
        long from = first;
        while (from <= max) {
            Long next = nextBound(table, key, from, size);
            long to = next == null ? max + 1 : next;
            long rows = next == null ? rangeCount(table, key, from, to) : size;
            seen += rows;
            runBatch(pass, new RowBatch(List.of(), from, to), handler, rows, Long.toString(to), seen, total, "SELECT * FROM " + table, key);
            from = to;
        }
    }

    /** One batch: the handler, then the log's lines, the checkpoint and the commit (with --dry-run, a rollback). */
    private void runBatch(int pass, RowBatch batch, BatchHandler handler, long rows, String reached, long seen, long total, String sampleFrom,
                          String key) throws Exception {
        boolean sample = settings.dryRun() && batches == 0;
        if (sample) {
            samples.add(new DataResult.Sample("before", sample(sampleFrom, key, batch)));
        }
        try {
            handler.handle(batch);
        } catch (SQLException e) {
            throw new SQLException("in the batch from key " + batch.from() + " to " + batch.to() + ": " + e.getMessage(), e.getSQLState(), e);
        }
        if (sample) {
            samples.add(new DataResult.Sample("after", sample(sampleFrom, key, batch)));
        }
        pending = pending.plus(new DataHistory.Counts(rows, 0, 0, 0));
        commitBatch(pass, reached);
        settings.progress().update("D" + m.id() + " " + m.description(), seen, total);
        throttle.pace(done.processed());
        tooManyErrors();
    }

    private void commitBatch(int pass, String reached) throws SQLException {
        if (reverting) {
            committed();
            batches++;
            return;
        }
        stage = pass;
        lastKey = reached;
        long bytes = log.flush();
        if (!settings.dryRun()) {
            FaultPoints.reach("data.batch-after-log");
            DataHistory.checkpoint(c, m.id(), pending, pass, reached, bytes, reasonsWithPending());
        }
        FaultPoints.reach("data.batch-before-commit");
        if (settings.dryRun()) {
            c.rollback();
        } else {
            c.commit();
        }
        FaultPoints.reach("data.batch-after-commit");
        committed();
        batches++;
    }

    /** The pending counts and reasons, once their transaction committed (or, dry, rolled back as a dry run does). */
    private void committed() {
        done = done.plus(pending);
        pending = DataHistory.Counts.NONE;
        reasons.addAll(pendingReasons);
        pendingReasons = OutcomeReasons.none();
    }

    /** The reasons as the checkpoint stores them: those committed and those of the batch it commits. */
    private String reasonsWithPending() {
        OutcomeReasons all = OutcomeReasons.none();
        all.addAll(reasons);
        all.addAll(pendingReasons);
        return all.json();
    }

    /** Whether an earlier run finished this batched pass (it went on to a later one). */
    private boolean passDone(int pass) {
        return earlier != null && earlier.lastKey() != null && earlier.stage() > pass;
    }

    /** The key the earlier run's last committed batch of this pass reached, or null: from the start. */
    private Object resumeKey(int pass, boolean integerKey) {
        if (earlier == null || earlier.lastKey() == null || earlier.stage() != pass) {
            return null;
        }
        return integerKey ? Long.valueOf(earlier.lastKey()) : earlier.lastKey();
    }

    @Override
    public String resumeAfter() {
        return earlier == null || earlier.stage() != 0 ? null : earlier.lastKey();
    }

    @Override
    public void checkpoint(String key, long processed) throws Exception {
        pending = pending.plus(new DataHistory.Counts(processed, 0, 0, 0));
        commitBatch(0, key);
        throttle.pace(done.processed());
        tooManyErrors();
    }

    @Override
    public void migrated(Object key) {
        migrated(key, null);
    }

    @Override
    public void migrated(Object key, String reason) {
        log.add(key, "migrated", reason);
        pendingReasons.add("migrated", reason);
        pending = pending.plus(new DataHistory.Counts(0, 1, 0, 0));
    }

    @Override
    public void skipped(Object key, String reason) {
        log.add(key, "skipped", reason);
        pendingReasons.add("skipped", reason);
        pending = pending.plus(new DataHistory.Counts(0, 0, 1, 0));
    }

    @Override
    public void error(Object key, String reason) {
        log.add(key, "error", reason);
        pendingReasons.add("error", reason);
        pending = pending.plus(new DataHistory.Counts(0, 0, 0, 1));
    }

    @Override
    public void migratedRows(long rows) {
        pending = pending.plus(new DataHistory.Counts(0, rows, 0, 0));
    }

    @Override
    public void progress(long soFar, long total) {
        settings.progress().update("D" + m.id() + " " + m.description(), soFar, total);
    }

    @Override
    public void note(String text) {
        settings.notes().accept("D" + m.id() + ": " + text);
    }

    /** Past --max-errors the run stops, after the batch that went past it committed. */
    private void tooManyErrors() {
        long errors = (earlier == null ? 0 : earlier.errors()) + done.errors() + pending.errors();
        if (errors > settings.maxErrors()) {
            throw new TooManyErrors(errors + " record" + (errors == 1 ? "" : "s") + " failed, more than --max-errors " + settings.maxErrors()
                    + " allows: see " + log.file() + "; fix them, or run again with a higher --max-errors to go on after the last committed batch");
        }
    }

    /** The run went past --max-errors. */
    private static final class TooManyErrors extends RuntimeException {
        TooManyErrors(String message) {
            super(message, null, false, false);
        }
    }

    /** A few rows of a batch, as text, for a dry run's before and after. */
    private List<String> sample(String from, String key, RowBatch batch) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT * FROM (" + from + ") ferry_s WHERE " + key + " >= ? AND " + key
                + (batch.rows().isEmpty() ? " < ?" : " <= ?") + " ORDER BY " + key + " LIMIT " + SAMPLE_ROWS)) {
            p.setObject(1, batch.from());
            p.setObject(2, batch.to());
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

    private Long nextBound(String table, String key, long from, int size) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + key + " FROM " + table + " WHERE " + key + " >= ? ORDER BY " + key
                + " LIMIT 1 OFFSET " + size)) {
            p.setLong(1, from);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : null;
            }
        }
    }

    private long rangeCount(String table, String key, long from, long to) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + key + " >= ? AND " + key + " < ?")) {
            p.setLong(1, from);
            p.setLong(2, to);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private long count(String sql, Object after) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            if (after != null) {
                p.setObject(1, after);
            }
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
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
        DataHistory.Counts before = earlier == null ? DataHistory.Counts.NONE
                : new DataHistory.Counts(earlier.processed(), earlier.migrated(), earlier.skipped(), earlier.errors());
        DataHistory.Counts all = before.plus(done);
        return new DataResult.Item(m.id(), m.description(), status.name(), all.processed(), all.migrated(), all.skipped(), all.errors(), m.kind(),
                batches, (System.nanoTime() - began) / 1_000_000, detail, log.file().toString(), reasons.asMap(), List.copyOf(samples));
    }

    private void rollbackQuietly() {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection is gone; the server rolled the transaction back
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String first = message.lines().findFirst().orElse("").strip();
        boolean ferrys = e.getClass().getName().startsWith("dev.ferry.");
        return e instanceof SQLException || ferrys ? first : e.getClass().getSimpleName() + ": " + first;
    }

    /** A batch of the run: its rows or range, its outcomes going to the run's log and counts. */
    private final class RowBatch implements Batch {
        private final List<DataRow> rows;
        private final Object from;
        private final Object to;

        RowBatch(List<DataRow> rows, Object from, Object to) {
            this.rows = rows;
            this.from = from;
            this.to = to;
        }

        @Override
        public List<DataRow> rows() {
            return rows;
        }

        @Override
        public Object from() {
            return from;
        }

        @Override
        public Object to() {
            return to;
        }

        @Override
        public Connection connection() {
            return c;
        }

        @Override
        public void migrated(Object key) {
            MigrationRun.this.migrated(key, null);
        }

        @Override
        public void migrated(Object key, String reason) {
            MigrationRun.this.migrated(key, reason);
        }

        @Override
        public void skipped(Object key, String reason) {
            MigrationRun.this.skipped(key, reason);
        }

        @Override
        public void error(Object key, String reason) {
            MigrationRun.this.error(key, reason);
        }

        @Override
        public void migratedRows(long n) {
            MigrationRun.this.migratedRows(n);
        }
    }
}
