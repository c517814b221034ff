package dev.ferry.data;

/** --max-rows-per-second: after each batch, waits until the rows done so far are within the rate. */
final class Throttle {
    private final long maxRowsPerSecond;
    private final long began = System.nanoTime();

    Throttle(long maxRowsPerSecond) {
        this.maxRowsPerSecond = maxRowsPerSecond;
    }

    void pace(long rowsSoFar) {
        if (maxRowsPerSecond <= 0) {
            return;
        }
        long wait = began + (long) (rowsSoFar * 1e9 / maxRowsPerSecond) - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
