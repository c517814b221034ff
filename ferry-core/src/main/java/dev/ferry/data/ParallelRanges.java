package dev.ferry.data;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Key ranges of a data migration worked on several sessions at once (ferry data run --jobs N), each
 * range in its own transaction, but committed strictly in key order: a range that is done waits for
 * the one before it. So the committed ranges always form a prefix of the table, and the checkpoint's
 * single "last key" stays true however the run stops. The ranges must touch their own rows only.
 */
final class ParallelRanges {

    /** The {@code seq}-th range, {@code from} inclusive, {@code to} exclusive, holding {@code rows}. */
    record Range(long seq, long from, long to, long rows) {
    }

    /** The ranges in key order; null after the last. */
    interface Source {
        Range next() throws SQLException;
    }

    /** Opens a session of the database, ready for a range's transaction. */
    interface Sessions {
        Connection open() throws SQLException;
    }

    /** Does a range's work in its open transaction on {@code session}; what commits it when its turn comes. */
    interface Worker {
        Commit work(Connection session, Range range) throws Exception;
    }

    /** Commits a range's transaction (with its checkpoint). */
    interface Commit {
        void commit() throws Exception;
    }

    private ParallelRanges() {
    }

    static void run(Source source, int jobs, Sessions sessions, Worker worker) throws Exception {
        List<Connection> opened = new ArrayList<>();
        BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(jobs);
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "ferry-data-range");
            t.setDaemon(true);
            return t;
        });
        AtomicReference<Exception> failure = new AtomicReference<>();
        Object turn = new Object();
        long[] nextToCommit = {0};
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int i = 0; i < jobs; i++) {
                Connection session = sessions.open();
                opened.add(session);
                idle.add(session);
            }
            Range range;
            while (failure.get() == null && (range = source.next()) != null) {
                Connection session = idle.take();
                Range mine = range;
                running.add(pool.submit(() -> {
                    try {
                        Commit commit = worker.work(session, mine);
                        synchronized (turn) {
                            while (nextToCommit[0] != mine.seq() && failure.get() == null) {
                                turn.wait();
                            }
                            if (failure.get() != null) {
                                rollback(session);
                                return;
                            }
                            commit.commit();
                            nextToCommit[0]++;
                            turn.notifyAll();
                        }
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                        rollback(session);
                        synchronized (turn) {
                            turn.notifyAll();
                        }
                    } finally {
                        idle.add(session);
                    }
                }));
            }
        } catch (Exception e) {
            failure.compareAndSet(null, e);
            synchronized (turn) {
                turn.notifyAll();
            }
        } finally {
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    failure.compareAndSet(null, new IllegalStateException(e.getCause()));
                }
            }
            pool.shutdownNow();
            for (Connection session : opened) {
                try {
                    session.close();
                } catch (SQLException e) {
                    // its transaction was committed or rolled back already; a failed close loses nothing
                }
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private static void rollback(Connection session) {
        try {
            session.rollback();
        } catch (SQLException e) {
            // the session is gone, and the server rolled its transaction back
        }
    }
}
