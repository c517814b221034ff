package dev.ferry.data;

import dev.ferry.spi.LoadSignals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * Keeps a data migration's load bounded, between its batches: no more than --max-rows-per-second,
 * and a pause while the database has more than --max-active-sessions other sessions at work or its
 * replicas lag more than --max-replication-lag seconds. Load is read on the session that holds the
 * data lock, so that no transaction stays open while it waits.
 */
final class Throttle {
    static final long POLL_MILLIS = 1000;
    private final Bounds bounds;
    private final LoadSignals signals;
    private final Connection monitor;
    private final Consumer<String> notes;
    private long began = System.nanoTime();

    /**
     * @param maxActiveSessions       -1: no bound
     * @param maxReplicationLagSeconds -1: no bound
     */
    record Bounds(long maxRowsPerSecond, int maxActiveSessions, double maxReplicationLagSeconds) {
        static final Bounds NONE = new Bounds(0, -1, -1);

        boolean watchesLoad() {
            return maxActiveSessions >= 0 || maxReplicationLagSeconds >= 0;
        }
    }

    Throttle(Bounds bounds, LoadSignals signals, Connection monitor, Consumer<String> notes) {
        this.bounds = bounds;
        this.signals = signals;
        this.monitor = monitor;
        this.notes = notes;
    }

    void pace(long rowsSoFar) throws SQLException {
        if (bounds.maxRowsPerSecond() > 0) {
            sleep((began + (long) (rowsSoFar * 1e9 / bounds.maxRowsPerSecond()) - System.nanoTime()) / 1_000_000);
        }
        if (!bounds.watchesLoad()) {
            return;
        }
        long pausedAt = 0;
        String why;
        while ((why = overBound()) != null) {
            if (pausedAt == 0) {
                pausedAt = System.nanoTime();
                notes.accept("pausing: " + why + "; going on when it is back under");
            }
            sleep(POLL_MILLIS);
        }
        if (pausedAt != 0) {
            long paused = System.nanoTime() - pausedAt;
            began += paused;
            notes.accept("going on after a pause of " + paused / 1_000_000_000 + " s");
        }
    }

    /** What is over its bound now, or null. */
    private String overBound() throws SQLException {
        if (bounds.maxActiveSessions() >= 0) {
            int active = signals.activeSessions(monitor);
            if (active > bounds.maxActiveSessions()) {
                return active + " other sessions are running statements, more than --max-active-sessions " + bounds.maxActiveSessions();
            }
        }
        if (bounds.maxReplicationLagSeconds() >= 0) {
            double lag = signals.replicationLagSeconds(monitor).orElse(0);
            if (lag > bounds.maxReplicationLagSeconds()) {
                return String.format(java.util.Locale.ROOT, "the replicas lag %.1f s, more than --max-replication-lag %s", lag,
                        bounds.maxReplicationLagSeconds());
            }
        }
        return null;
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
