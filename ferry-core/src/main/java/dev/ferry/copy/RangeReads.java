package dev.ferry.copy;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Progress;
import dev.ferry.spi.Database;
import dev.ferry.stream.TableRef;

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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs the parts of a copy from another database on the source's sessions: one table after another,
 * in the order given (parents first, so that a copy into a schema with foreign keys holds), and the
 * key ranges of one table side by side, one per session, so that a large table keeps both the
 * source and the target busy. Each session gets a target session of its own for the catalog reads a
 * load makes.
 */
final class RangeReads {
    /** One part read on {@code source} and loaded; {@code target} is for reading the target's catalog. */
    interface PartCopy {
        void copy(Connection source, Connection target, TableRef part) throws SQLException;
    }

    private final List<Connection> sources;
    private final Database to;
    private final long total;
    private final Progress progress;
    private final AtomicLong done = new AtomicLong();

    RangeReads(List<Connection> sources, Database to, long total, Progress progress) {
        this.sources = sources;
        this.to = to;
        this.total = total;
        this.progress = progress;
    }

    /** Copies {@code parts}; {@code tableDone} hears each table's qualified name once all its parts are in. The first failure is thrown. */
    void copy(List<TableRef> parts, PartCopy copy, Consumer<String> tableDone) throws SQLException {
        if (sources.size() == 1) {
            try (Connection target = to.connect()) {
                String table = null;
                for (TableRef part : parts) {
                    if (table != null && !table.equals(part.qualifiedName())) {
                        tableDone.accept(table);
                    }
                    table = part.qualifiedName();
                    copy.copy(sources.get(0), target, part);
                    progress.update(part.label(), done.incrementAndGet(), total);
                }
                if (table != null) {
                    tableDone.accept(table);
                }
            }
            return;
        }
        BlockingQueue<Connection[]> pairs = new ArrayBlockingQueue<>(sources.size());
        ExecutorService pool = Executors.newFixedThreadPool(sources.size());
        try {
            for (Connection s : sources) {
                pairs.add(new Connection[] {s, to.connect()});
            }
            int from = 0;
            while (from < parts.size()) {
                String table = parts.get(from).qualifiedName();
                int to = from;
                while (to < parts.size() && parts.get(to).qualifiedName().equals(table)) {
                    to++;
                }
                runTogether(pool, pairs, parts.subList(from, to), copy);
                tableDone.accept(table);
                from = to;
            }
        } finally {
            pool.shutdownNow();
            for (Connection[] pair : pairs) {
                try {
                    pair[1].close();
                } catch (SQLException e) {
                    // a broken catalog session: nothing to keep
                }
            }
        }
    }

    /** The ranges of one table, each on a free session; waits for all, then throws the first failure. */
    private void runTogether(ExecutorService pool, BlockingQueue<Connection[]> pairs, List<TableRef> ranges, PartCopy copy) throws SQLException {
        List<Future<?>> running = new ArrayList<>();
        for (TableRef part : ranges) {
            running.add(pool.submit(() -> {
                Connection[] pair = pairs.take();
                try {
                    copy.copy(pair[0], pair[1], part);
                    progress.update(part.label(), done.incrementAndGet(), total);
                } finally {
                    pairs.add(pair);
                }
                return null;
            }));
        }
        Throwable first = null;
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                first = first == null ? e.getCause() : first;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FerryException(ErrorCode.STEP_FAILED, "interrupted while copying " + ranges.get(0).qualifiedName(), null, e);
            }
        }
        if (first instanceof SQLException s) {
            throw s;
        }
        if (first instanceof RuntimeException r) {
            throw r;
        }
        if (first != null) {
            throw new FerryException(ErrorCode.STEP_FAILED, ranges.get(0).qualifiedName() + ": " + first, null, first);
        }
    }
}
