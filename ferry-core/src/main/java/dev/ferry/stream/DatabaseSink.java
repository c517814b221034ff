package dev.ferry.stream;

import dev.ferry.fault.FaultPoints;
import dev.ferry.spi.BulkCopy;
import dev.ferry.spi.Database;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A sink that is another database: each table's stream is piped, with no file in between, into a
 * load on a session of its own, in one transaction per table or range that commits only when the
 * server took every row the stream held. The reader's write of a table ends when its load has
 * committed (or failed), so a table the reader counts as done is in the target.
 *
 * <pre>{@code
 * try (TableStreams.Reader reader = TableStreams.reader(source, 2); DatabaseSink sink = new DatabaseSink(target, 2, checkpoint)) {
 *     reader.read(parts, sink, progress);
 * }
 * }</pre>
 */
public final class DatabaseSink implements TableStreams.Sink, AutoCloseable {
    /** Chunks of 64 KiB waiting between a table's reader and its load, at most. */
    private static final int PIPE_CHUNKS = 32;
    private final Database target;
    private final BulkCopy bulk;
    private final TableStreams.BeforeCommit beforeCommit;
    private final BlockingQueue<Connection> sessions;
    private final ExecutorService loaders;
    private final Map<TableRef, StreamCount> loaded = new ConcurrentHashMap<>();
    /** The reader shows the rows as they pass; the loads count them again only to check them. */
    private final StreamProgress flow = StreamProgress.none();

    /** @param beforeCommit run in each table's transaction before its commit: a checkpoint written with the rows, or not at all */
    public DatabaseSink(Database target, int jobs, TableStreams.BeforeCommit beforeCommit) {
        this.target = target;
        this.bulk = target.dialect().require(BulkCopy.class, "load tables from streams");
        this.beforeCommit = beforeCommit;
        this.sessions = new ArrayBlockingQueue<>(Math.max(1, jobs));
        this.loaders = Executors.newFixedThreadPool(Math.max(1, jobs));
        try {
            for (int i = 0; i < Math.max(1, jobs); i++) {
                sessions.add(target.connect());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public OutputStream open(TableRef table) throws IOException {
        return start(table, (c, in) -> TableStreams.loadOne(target, bulk, c, table, in, flow, beforeCommit));
    }

    /** The engine counts and hashes the stream as it writes it: the load takes that count rather than framing every row again. */
    @Override
    public OutputStream open(TableRef table, RowChecksum counted) throws IOException {
        return start(table, (c, in) -> TableStreams.loadCounted(target, bulk, c, table, in, counted, beforeCommit));
    }

    private interface Load {
        StreamCount run(Connection c, InputStream in) throws SQLException, IOException;
    }

    private OutputStream start(TableRef table, Load how) {
        StreamPipe pipe = new StreamPipe(PIPE_CHUNKS);
        InputStream in = pipe.input();
        Future<StreamCount> load = loaders.submit(() -> {
            Connection c = sessions.take();
            try (InputStream piped = in) {
                StreamCount count = how.run(c, piped);
                loaded.put(table, count);
                FaultPoints.reach("stream.after-table-loaded");
                return count;
            } finally {
                sessions.add(c);
            }
        });
        return new LoadingOutput(pipe, load);
    }

    /** What each table or range loaded: rows, bytes and checksum as the target took them. */
    public Map<TableRef, StreamCount> loaded() {
        return Map.copyOf(loaded);
    }

    @Override
    public void close() {
        loaders.shutdownNow();
        try {
            // loads still running hand their sessions back when they stop; close them all after that
            if (!loaders.awaitTermination(30, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sessions.forEach(TableStreams::closeQuietly);
    }

    /** The write end of one table's pipe; closing it waits for the load to commit and passes on its failure. */
    private static final class LoadingOutput extends OutputStream implements TableStreams.Abortable {
        private final StreamPipe pipe;
        private final OutputStream out;
        private final Future<StreamCount> load;

        LoadingOutput(StreamPipe pipe, Future<StreamCount> load) {
            this.pipe = pipe;
            this.out = pipe.output();
            this.load = load;
        }

        /** The source failed: the load reads an error where the stream stops, and rolls back. */
        @Override
        public void abort(Exception cause) {
            try {
                pipe.abort(String.valueOf(cause.getMessage()));
            } catch (IOException e) {
                // the load has stopped reading already: it failed or rolled back on its own
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                // the load stopped reading (it closes the pipe when it ends): its own failure says why
                throw failure(e);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
            try {
                load.get();
            } catch (ExecutionException e) {
                throw failure(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the target loaded", e);
            }
        }

        private IOException failure(Exception fallback) {
            try {
                load.get();
                return fallback instanceof IOException io ? io : new IOException(fallback);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                String what = cause instanceof SQLException s ? "the target refused it: " + s.getMessage() : "loading into the target failed: " + cause.getMessage();
                return new IOException(what, cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new IOException("interrupted while the target loaded", e);
            }
        }
    }
}
