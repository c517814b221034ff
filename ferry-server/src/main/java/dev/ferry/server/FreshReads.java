package dev.ferry.server;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Many clients asking at once for the same read (200 deploy dashboards polling the status) share one
 * read, and every answer is still fresh: a request gets the result of a read that started after the
 * request arrived, never an older one. Requests queue on a fair lock; the first in reads, and those
 * that arrived before its read began take its result.
 */
final class FreshReads {
    private final ReentrantLock lock = new ReentrantLock(true);
    private long lastStarted = Long.MIN_VALUE;
    private String last;

    /** The body of a read that started no earlier than this call. */
    String get(Supplier<String> read) {
        long arrived = System.nanoTime();
        lock.lock();
        try {
            if (last != null && lastStarted - arrived >= 0) {
                return last;
            }
            long started = System.nanoTime();
            last = null; // a read that fails leaves nothing for later requests to take
            String body = read.get();
            last = body;
            lastStarted = started;
            return body;
        } finally {
            lock.unlock();
        }
    }
}
