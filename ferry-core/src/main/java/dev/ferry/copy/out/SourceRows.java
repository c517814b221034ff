package dev.ferry.copy.out;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Streams one planned table's rows from PostgreSQL, in the copy's snapshot: each column read as its
 * {@link OutType} says (PostgreSQL's own text for numbers, dates, uuid and json, so that no digit is
 * lost on the way through Java). A thread of its own reads ahead, a few thousand rows, so that
 * PostgreSQL produces the next rows while the target takes these: read one after the other, each
 * side waited for the other half of the time.
 */
final class SourceRows {
    private static final int FETCH_ROWS = 1000;
    private static final int CHUNK_ROWS = 1000;
    private static final int CHUNKS_AHEAD = 4;
    private static final List<Object[]> END = List.of();

    /** The values of the row the result set stands on, as the target's load takes them. */
    interface Values {
        Object[] of(ResultSet r) throws SQLException;
    }

    /** What is done with each row's values. */
    interface Row {
        void accept(Object[] values) throws SQLException, IOException;
    }

    private SourceRows() {
    }

    /** Calls {@code row} for every row of the table, in order; the number of rows. */
    static long each(Connection src, OutTable plan, UnaryOperator<String> quote, Values values, Row row) throws SQLException, IOException {
        String select = "SELECT " + String.join(", ", plan.columns().stream().map(c -> c.type().select().formatted(quote.apply(c.name()))).toList())
                + " FROM " + quote.apply(plan.source().schema()) + "." + quote.apply(plan.name());
        BlockingQueue<List<Object[]>> chunks = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
        ExecutorService ahead = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ferry-read-" + plan.name());
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Long> read = ahead.submit(() -> readAhead(src, select, values, chunks));
            long rows = 0;
            for (List<Object[]> chunk = chunks.take(); chunk != END; chunk = chunks.take()) {
                for (Object[] v : chunk) {
                    row.accept(v);
                    rows++;
                }
            }
            long sent = read.get(); // the reader's failure, if it stopped early
            if (sent != rows) {
                throw new IOException(plan.source().label() + ": read " + sent + " rows, passed on " + rows);
            }
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + plan.source().label(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException s) {
                throw s;
            }
            throw new IOException("reading " + plan.source().label() + " failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            ahead.shutdownNow(); // a reader still waiting to hand over rows nobody takes stops; its statement closes
            awaitQuietly(ahead);
        }
    }

    /** Reads every row into chunks; always ends the queue with {@link #END}, so that the taker never waits for rows that will not come. */
    private static long readAhead(Connection src, String select, Values values, BlockingQueue<List<Object[]>> chunks) throws Exception {
        long rows = 0;
        try (Statement s = src.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(FETCH_ROWS);
            try (ResultSet r = s.executeQuery(select)) {
                List<Object[]> chunk = new ArrayList<>(CHUNK_ROWS);
                while (r.next()) {
                    chunk.add(values.of(r));
                    rows++;
                    if (chunk.size() == CHUNK_ROWS) {
                        chunks.put(chunk);
                        chunk = new ArrayList<>(CHUNK_ROWS);
                    }
                }
                if (!chunk.isEmpty()) {
                    chunks.put(chunk);
                }
            }
            return rows;
        } finally {
            chunks.put(END);
        }
    }

    private static void awaitQuietly(ExecutorService ahead) {
        try {
            ahead.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
