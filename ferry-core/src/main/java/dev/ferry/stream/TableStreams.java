package dev.ferry.stream;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.fault.FaultPoints;
import dev.ferry.report.Progress;
import dev.ferry.spi.BulkCopy;
import dev.ferry.spi.Database;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The table-stream engine: reads tables from one consistent snapshot with several sessions at once
 * (each joins the snapshot the first one exported), counting and hashing every row on the way, and
 * hands each table's bytes to a sink; or loads streams into tables, counting and hashing the same
 * way. It knows nothing of backups or copies: a sink or source says where bytes go or come from.
 *
 * <pre>{@code
 * try (TableStreams.Reader reader = TableStreams.reader(database, 2)) {
 *     Map<TableRef, StreamCount> counts = reader.read(tables, table -> Files.newOutputStream(dir.resolve(table.name())), progress);
 * }
 * }</pre>
 */
public final class TableStreams {

    /** Where one table's bytes go. The engine closes what it opens. */
    public interface Sink {
        OutputStream open(TableRef table) throws IOException;

        /**
         * As {@link #open(TableRef)}, for a stream the engine counts and hashes in {@code counted} as it
         * writes each piece, before the sink sees it: a sink may take that count instead of framing the
         * rows again, once the stream has ended.
         */
        default OutputStream open(TableRef table, RowChecksum counted) throws IOException {
            return open(table);
        }
    }

    /**
     * A sink's stream that can be ended as failed: the engine aborts it, instead of closing it, when
     * reading its table fails, so that whatever consumes it never mistakes a cut-off stream for a whole one.
     */
    public interface Abortable {
        void abort(Exception cause);
    }

    /** Where one table's bytes come from. The engine closes what it opens. */
    public interface Source {
        InputStream open(TableRef table) throws IOException;
    }

    private TableStreams() {
    }

    /**
     * Opens {@code jobs} sessions on {@code database}, all in one snapshot, until the reader is closed; one
     * session only where the dialect cannot share its snapshot at the moment ({@link Reader#sessions()}).
     */
    public static Reader reader(Database database, int jobs) {
        return new Reader(database, Math.max(1, jobs));
    }

    /**
     * Loads each table from {@code source} into {@code database}, {@code jobs} tables at a time, each
     * in its own transaction; the rows and checksum of what was loaded.
     */
    public static Map<TableRef, StreamCount> load(Database database, List<TableRef> tables, int jobs, Source source, Progress progress) {
        return load(database, tables, jobs, source, progress, 0);
    }

    /** As {@link #load(Database, List, int, Source, Progress)}, showing rows of {@code expectedRows} (0: unknown) as they load. */
    public static Map<TableRef, StreamCount> load(Database database, List<TableRef> tables, int jobs, Source source, Progress progress,
                                                  long expectedRows) {
        BulkCopy bulk = database.dialect().require(BulkCopy.class, "load tables from streams");
        BlockingQueue<Connection> sessions = new ArrayBlockingQueue<>(Math.max(1, jobs));
        try {
            for (int i = 0; i < Math.max(1, jobs); i++) {
                sessions.add(database.connect());
            }
            return inParallel(tables, sessions, progress, expectedRows, (c, table, flow) -> {
                StreamCount loaded = loadOne(database, bulk, c, table, source.open(table), flow, BeforeCommit.NOTHING);
                FaultPoints.reach("stream.after-table-loaded");
                return loaded;
            });
        } finally {
            sessions.forEach(TableStreams::closeQuietly);
        }
    }

    /** What a load does in a table's transaction after its rows went in and were counted, before the commit (a checkpoint). */
    public interface BeforeCommit {
        BeforeCommit NOTHING = (c, table, loaded) -> {
        };

        void run(Connection c, TableRef table, StreamCount loaded) throws SQLException;
    }

    /**
     * Loads one stream into {@code table} in one transaction on {@code c}, counting and hashing it;
     * commits only when the server took exactly the rows the stream held and the stream ended whole.
     */
    static StreamCount loadOne(Database database, BulkCopy bulk, Connection c, TableRef table, InputStream source, StreamProgress flow,
                               BeforeCommit beforeCommit) throws SQLException, IOException {
        RowChecksum checksum = new RowChecksum(bulk.framer());
        try (InputStream in = new CountingInput(source, checksum, table, flow)) {
            c.setAutoCommit(false);
            long taken = bulk.copyIn(c, quoted(database, table), quotedColumns(database, table), in);
            if (taken != checksum.count().rows()) {
                throw new IOException("the server took " + taken + " rows from a stream of " + checksum.count().rows());
            }
            StreamCount loaded = finished(table, checksum);
            beforeCommit.run(c, table, loaded);
            c.commit();
            return loaded;
        } finally {
            rollbackQuietly(c);
        }
    }

    /**
     * As {@link #loadOne}, for a stream whose writer counts and hashes it in {@code counted} before each
     * piece enters the stream: the rows are not framed a second time. Once the stream has ended every
     * piece has passed {@code counted}, so the same checks hold: the stream ended whole, and the server
     * took exactly the rows it held, before the checkpoint and the commit.
     */
    static StreamCount loadCounted(Database database, BulkCopy bulk, Connection c, TableRef table, InputStream source, RowChecksum counted,
                                   BeforeCommit beforeCommit) throws SQLException, IOException {
        try (InputStream in = source) {
            c.setAutoCommit(false);
            long taken = bulk.copyIn(c, quoted(database, table), quotedColumns(database, table), in);
            StreamCount loaded = finished(table, counted);
            if (taken != loaded.rows()) {
                throw new IOException("the server took " + taken + " rows from a stream of " + loaded.rows());
            }
            beforeCommit.run(c, table, loaded);
            c.commit();
            return loaded;
        } finally {
            rollbackQuietly(c);
        }
    }

    /** Sessions reading one snapshot. */
    public static final class Reader implements AutoCloseable {
        private final Database database;
        private final BulkCopy bulk;
        private final Connection coordinator;
        private final BlockingQueue<Connection> workers;

        private Reader(Database database, int jobs) {
            this.database = database;
            this.bulk = database.dialect().require(BulkCopy.class, "read tables as streams");
            this.coordinator = database.connect();
            this.workers = new ArrayBlockingQueue<>(jobs);
            try {
                String snapshot = null;
                if (jobs == 1) {
                    bulk.beginOwnSnapshot(coordinator);
                } else {
                    snapshot = bulk.beginSnapshot(coordinator);
                }
                if (snapshot == null) {
                    // one session in the snapshot: the coordinator reads every table itself, one after another
                    workers.add(coordinator);
                } else {
                    for (int i = 0; i < jobs; i++) {
                        Connection worker = database.connect();
                        workers.add(worker);
                        bulk.joinSnapshot(worker, snapshot);
                    }
                    bulk.allJoined(coordinator, snapshot);
                }
            } catch (SQLException | RuntimeException e) {
                close();
                throw e instanceof SQLException s ? failure(database, "opening a snapshot of", s) : (RuntimeException) e;
            }
        }

        /** How many sessions read the tables (fewer than asked when the dialect could not share its snapshot). */
        public int sessions() {
            return workers.size();
        }

        /** A session in the snapshot, for reading what must agree with the tables (the schema, sequence positions). */
        public Connection connection() {
            return coordinator;
        }

        /** Streams every table (or range) into {@code sink}; per table or range its rows, bytes and checksum. */
        public Map<TableRef, StreamCount> read(List<TableRef> tables, Sink sink, Progress progress) {
            return read(tables, sink, progress, 0);
        }

        /** As {@link #read(List, Sink, Progress)}, showing rows of {@code expectedRows} (0: unknown) as they stream. */
        public Map<TableRef, StreamCount> read(List<TableRef> tables, Sink sink, Progress progress, long expectedRows) {
            return inParallel(tables, workers, progress, expectedRows, (c, table, flow) -> {
                RowChecksum checksum = new RowChecksum(bulk.framer());
                OutputStream sinkStream = sink.open(table, checksum);
                OutputStream out = new CountingOutput(sinkStream, checksum, table, flow);
                try {
                    bulk.copyOut(c, quoted(database, table), quotedColumns(database, table), table.where(), out);
                } catch (SQLException | IOException | RuntimeException e) {
                    // a sink that commits what it was given must not take a cut-off stream for a whole one
                    if (sinkStream instanceof Abortable abortable) {
                        abortable.abort(e);
                    }
                    try {
                        out.close();
                    } catch (IOException | RuntimeException closing) {
                        e.addSuppressed(closing);
                    }
                    throw e;
                }
                out.close();
                return finished(table, checksum);
            });
        }

        @Override
        public void close() {
            closeQuietly(coordinator);
            workers.stream().filter(w -> w != coordinator).forEach(TableStreams::closeQuietly);
        }
    }

    private interface TableWork {
        StreamCount run(Connection c, TableRef table, StreamProgress flow) throws SQLException, IOException;
    }

    /** Runs one table per session at a time, largest first being the caller's order; the first failure stops the rest. */
    private static Map<TableRef, StreamCount> inParallel(List<TableRef> tables, BlockingQueue<Connection> sessions, Progress progress,
                                                         long expectedRows, TableWork work) {
        Map<TableRef, StreamCount> counts = new ConcurrentHashMap<>();
        StreamProgress flow = new StreamProgress(progress, expectedRows);
        ExecutorService pool = Executors.newFixedThreadPool(sessions.size());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (TableRef table : tables) {
                futures.add(pool.submit(() -> {
                    Connection c = sessions.take();
                    try {
                        counts.put(table, work.run(c, table, flow));
                    } catch (SQLException | IOException e) {
                        throw new FerryException(ErrorCode.STEP_FAILED, table.label() + ": " + e.getMessage(), null, e);
                    } finally {
                        sessions.add(c);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return counts;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FerryException fe) {
                throw fe;
            }
            if (cause instanceof SQLException s) {
                throw new FerryException(ErrorCode.STEP_FAILED, "streaming a table failed: " + s.getMessage(), null, s);
            }
            throw new FerryException(ErrorCode.STEP_FAILED, "streaming a table failed: " + cause, null, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException(ErrorCode.STEP_FAILED, "interrupted while streaming tables", null, e);
        } finally {
            pool.shutdownNow();
            progress.finish();
        }
    }

    private static StreamCount finished(TableRef table, RowChecksum checksum) throws IOException {
        if (!checksum.complete()) {
            throw new IOException("the stream ended before its format's end (truncated)");
        }
        return checksum.count();
    }

    static String quoted(Database database, TableRef t) {
        return (t.schema() == null ? "" : database.dialect().quoteIdentifier(t.schema()) + ".") + database.dialect().quoteIdentifier(t.name());
    }

    static List<String> quotedColumns(Database database, TableRef t) {
        return t.columns().stream().map(database.dialect()::quoteIdentifier).toList();
    }

    private static FerryException failure(Database database, String what, SQLException e) {
        return new FerryException(ErrorCode.SQL, what + " " + database.url().redacted() + " failed: " + e.getMessage(), null, e);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // the session is broken; it is closed with the others
        }
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // closing a broken session
        }
    }

    /** Passes bytes on, counting and hashing them. */
    private static final class CountingOutput extends FilterOutputStream {
        private final RowChecksum checksum;
        private final Tally tally;

        CountingOutput(OutputStream out, RowChecksum checksum, TableRef table, StreamProgress flow) {
            super(out);
            this.checksum = checksum;
            this.tally = new Tally(checksum, table, flow);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            checksum.update(b, off, len);
            tally.add(len);
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            tally.flush();
            super.close();
        }
    }

    /** Counts and hashes the bytes read through it. */
    private static final class CountingInput extends java.io.FilterInputStream {
        private final RowChecksum checksum;
        private final Tally tally;

        CountingInput(InputStream in, RowChecksum checksum, TableRef table, StreamProgress flow) {
            super(in);
            this.checksum = checksum;
            this.tally = new Tally(checksum, table, flow);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                checksum.update(b, off, n);
                tally.add(n);
            } else if (n < 0) {
                tally.flush();
            }
            return n;
        }
    }

    /** Tells the run's progress what one stream moved, a few times a megabyte rather than once a row (pgjdbc writes a row at a time). */
    private static final class Tally {
        private static final long EVERY_BYTES = 1 << 18;
        private final RowChecksum checksum;
        private final TableRef table;
        private final StreamProgress flow;
        private long toldRows;
        private long untoldBytes;

        Tally(RowChecksum checksum, TableRef table, StreamProgress flow) {
            this.checksum = checksum;
            this.table = table;
            this.flow = flow;
        }

        void add(long bytes) {
            untoldBytes += bytes;
            if (untoldBytes >= EVERY_BYTES) {
                flush();
            }
        }

        void flush() {
            long rows = checksum.rows();
            flow.passed(table, rows - toldRows, untoldBytes);
            toldRows = rows;
            untoldBytes = 0;
        }
    }
}
