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
    /** Outcomes reported outside batches: committed with the migration's end. */
    private Tally outside;
    private DataHistory.Counts done = DataHistory.Counts.NONE;
    private final OutcomeReasons reasons;
    private int nextStage;
    private int stage;
    private String lastKey;
    private int batches;
    private long seen;
    /** The first key of the batch a dry run shows before and after. */
    private Object firstSample;
    private final List<DataResult.Sample> samples = new ArrayList<>();

    /**
     * What a run of data migrations shares.
     *
     * @param jobs     key ranges worked on at once, each on a session of its own (1: one after the other on the migration's session)
     * @param sessions opens those sessions
     */
    record Settings(Dialect dialect, boolean dryRun, String owner, Progress progress, Consumer<String> notes, Throttle.Bounds bounds, long maxErrors,
                    Path logDir, int jobs, ParallelRanges.Sessions sessions) {
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
        if (!dryRun) {
            c.setAutoCommit(true);
            DataHistory.start(c, m, settings.owner(), earlier != null);
            commitAsynchronously(c);
        }
        long committed = dryRun || earlier == null ? 0 : earlier.logBytes();
        log = OutcomeLog.open(logFile(settings.logDir(), m.id(), dryRun), committed);
        outside = new Tally(log.lines());
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
                long bytes = log.write(outside.lines());
                if (!dryRun) {
                    DataHistory.checkpoint(c, m.id(), outside.counts(), stage, lastKey, bytes, reasonsWith(outside));
                    DataHistory.finish(c, m.id(), DataHistory.Status.COMPLETED, verdict == null ? null : "verify: " + verdict.detail());
                    Optional<AsynchronousCommit> asynchronous = settings.dialect().capability(AsynchronousCommit.class);
                    if (asynchronous.isPresent()) {
                        asynchronous.get().commitThisOneDurably(c);
                    }
                    FaultPoints.reach("data.before-complete");
                    c.commit();
                } else {
                    c.rollback();
                }
                absorb(outside);
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
        run.outside = new Tally(run.log.lines());
        c.setAutoCommit(false);
        try {
            m.down(run);
            run.log.write(run.outside.lines());
            DataHistory.reset(c, m.id());
            c.commit();
            run.absorb(run.outside);
            return run.item(DataHistory.Status.PENDING, "reverted by down", began);
        } catch (Exception e) {
            run.rollbackQuietly();
            throw e;
        } finally {
            c.setAutoCommit(true);
            run.log.close();
        }
    }

    /** Each batch commits with its checkpoint and the log's length: a crash of the server loses both together. */
    private void commitAsynchronously(Connection session) throws SQLException {
        Optional<AsynchronousCommit> asynchronous = settings.dialect().capability(AsynchronousCommit.class);
        if (asynchronous.isPresent()) {
            asynchronous.get().commitAsynchronously(session);
        }
    }

    /** Rolls back what was not committed and records FAILED with why. */
    private DataResult.Item failed(String detail, long began) throws SQLException {
        rollbackQuietly();
        outside = new Tally(log.lines());
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
        seen = 0;
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
            RowBatch batch = new RowBatch(log.lines(), c, rows, rows.get(0).key(), last, rows.size());
            work(batch, handler, wrapped, key);
            commit(c, batch, pass, String.valueOf(last));
            afterCommit(rows.size(), total);
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
        BatchBounds keys = new BatchBounds(c, table, key, size);
        Long max = keys.max();
        Object resume = resumeKey(pass, true);
        Long first = resume != null ? (Long) resume : keys.min();
        if (max == null || first == null || first > max) {
            return;
        }
        long total = keys.count(first, max + 1);
        seen = 0;
        long[] from = {first};
        long[] seq = {0};
        ParallelRanges.Source source = () -> {
            if (from[0] > max) {
                return null;
            }
            Long next = keys.nextBound(from[0]);
            long to = next == null ? max + 1 : next;
            ParallelRanges.Range range = new ParallelRanges.Range(seq[0]++, from[0], to, next == null ? keys.count(from[0], to) : size);
            from[0] = to;
            return range;
        };
        String sampleFrom = "SELECT * FROM " + table;
        if (settings.jobs() > 1 && !reverting) {
            ParallelRanges.run(source, settings.jobs(), this::rangeSession, (session, range) -> {
                RowBatch batch = new RowBatch(log.lines(), session, List.of(), range.from(), range.to(), range.rows());
                work(batch, handler, sampleFrom, key);
                return () -> {
                    commit(session, batch, pass, Long.toString(range.to()));
                    afterCommit(range.rows(), total);
                };
            });
            return;
        }
        ParallelRanges.Range range;
        while ((range = source.next()) != null) {
            RowBatch batch = new RowBatch(log.lines(), c, List.of(), range.from(), range.to(), range.rows());
            work(batch, handler, sampleFrom, key);
            commit(c, batch, pass, Long.toString(range.to()));
            afterCommit(range.rows(), total);
        }
    }

    /** A session for one of --jobs ranges at a time: a transaction of its own, committed asynchronously as the migration's is. */
    private Connection rangeSession() throws SQLException {
        Connection session = settings.sessions().open();
        if (!settings.dryRun()) {
            commitAsynchronously(session);
        }
        session.setAutoCommit(false);
        return session;
    }

    /** A batch's work, in its transaction; with a dry run, the first batch's rows before and after. */
    private void work(RowBatch batch, BatchHandler handler, String sampleFrom, String key) throws Exception {
        boolean sample = settings.dryRun() && batch.from().equals(firstSampled(batch));
        if (sample) {
            samples.add(new DataResult.Sample("before", sample(batch, sampleFrom, key)));
        }
        try {
            handler.handle(batch);
        } catch (SQLException e) {
            throw new SQLException("in the batch from key " + batch.from() + " to " + batch.to() + ": " + e.getMessage(), e.getSQLState(), e);
        }
        if (sample) {
            samples.add(new DataResult.Sample("after", sample(batch, sampleFrom, key)));
        }
    }

    /** The first key of the first batch of the run: the one a dry run shows; other batches, run at the same time, do not. */
    private synchronized Object firstSampled(RowBatch batch) {
        if (firstSample == null) {
            firstSample = batch.from();
        }
        return firstSample;
    }

    /**
     * The batch's lines into the log, its checkpoint (counts, the key it reached, the log's length after
     * its lines) and the commit, in one transaction; with --dry-run, a rollback. In order: the caller
     * holds the turn.
     */
    private void commit(Connection session, Tally tally, int pass, String reached) throws SQLException {
        long bytes = log.write(tally.lines());
        if (reverting) {
            absorb(tally);
            batches++;
            return;
        }
        if (!settings.dryRun()) {
            FaultPoints.reach("data.batch-after-log");
            DataHistory.checkpoint(session, m.id(), tally.counts(), pass, reached, bytes, reasonsWith(tally));
        }
        FaultPoints.reach("data.batch-before-commit");
        if (settings.dryRun()) {
            session.rollback();
        } else {
            session.commit();
        }
        FaultPoints.reach("data.batch-after-commit");
        stage = pass;
        lastKey = reached;
        absorb(tally);
        batches++;
    }

    /** Progress, the throttle and --max-errors, between batches. */
    private void afterCommit(long rows, long total) throws SQLException {
        seen += rows;
        settings.progress().update("D" + m.id() + " " + m.description(), seen, total);
        throttle.pace(done.processed());
        tooManyErrors();
    }

    /** A committed tally's counts and reasons, into the run's. */
    private void absorb(Tally tally) {
        done = done.plus(tally.counts());
        reasons.addAll(tally.reasons());
    }

    /** The reasons as the checkpoint stores them: those committed and those of the batch it commits. */
    private String reasonsWith(Tally tally) {
        OutcomeReasons all = OutcomeReasons.none();
        all.addAll(reasons);
        all.addAll(tally.reasons());
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
        Tally tally = outside;
        tally.processed(processed);
        outside = new Tally(log.lines());
        commit(c, tally, 0, key);
        throttle.pace(done.processed());
        tooManyErrors();
    }

    @Override
    public void migrated(Object key) {
        outside.migrated(key);
    }

    @Override
    public void migrated(Object key, String reason) {
        outside.migrated(key, reason);
    }

    @Override
    public void skipped(Object key, String reason) {
        outside.skipped(key, reason);
    }

    @Override
    public void error(Object key, String reason) {
        outside.error(key, reason);
    }

    @Override
    public void migratedRows(long rows) {
        outside.migratedRows(rows);
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
        long errors = (earlier == null ? 0 : earlier.errors()) + done.errors() + outside.counts().errors();
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
    private static List<String> sample(RowBatch batch, String from, String key) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement p = batch.connection().prepareStatement("SELECT * FROM (" + from + ") ferry_s WHERE " + key + " >= ? AND " + key
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

    /** A batch of the run: its rows or range, on its session, and its tally of outcomes until it commits. */
    private static final class RowBatch extends Tally implements Batch {
        private final Connection connection;
        private final List<DataRow> rows;
        private final Object from;
        private final Object to;

        RowBatch(OutcomeLog.Lines lines, Connection connection, List<DataRow> rows, Object from, Object to, long processed) {
            super(lines);
            this.connection = connection;
            this.rows = rows;
            this.from = from;
            this.to = to;
            processed(processed);
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
            return connection;
        }
    }
}
