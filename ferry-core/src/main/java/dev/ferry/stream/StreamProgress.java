package dev.ferry.stream;

import dev.ferry.report.Progress;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The rows and bytes that have passed through all the streams of one run, told to a {@link Progress}
 * as rows of the rows expected (the servers' estimates, or a manifest's counts) at most ten times a
 * second, so that a terminal shows rows, rate and time left while a large table is still moving.
 */
final class StreamProgress {
    private static final long REPORT_NANOS = 100_000_000L;
    private final Progress progress;
    private final long expectedRows;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong lastReport = new AtomicLong(System.nanoTime());

    /** @param expectedRows the rows the run should move; 0 when unknown */
    StreamProgress(Progress progress, long expectedRows) {
        this.progress = progress;
        this.expectedRows = expectedRows;
    }

    static StreamProgress none() {
        return new StreamProgress(Progress.NONE, 0);
    }

    /** {@code moreRows} rows and {@code moreBytes} bytes of {@code table} went by. */
    void passed(TableRef table, long moreRows, long moreBytes) {
        long total = rows.addAndGet(moreRows);
        bytes.addAndGet(moreBytes);
        long now = System.nanoTime();
        long last = lastReport.get();
        if (now - last >= REPORT_NANOS && lastReport.compareAndSet(last, now)) {
            progress.update(table.qualifiedName() + ", rows", total, expectedRows == 0 ? 0 : Math.max(total, expectedRows));
        }
    }
}
