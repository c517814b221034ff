package dev.ferry.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Failed key attempts per client address over a sliding window: past the limit the address gets 429
 * until its oldest failure leaves the window, so guessing keys costs time.
 */
final class FailureLimiter {
    private static final int MAX_ADDRESSES = 10_000;
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();

    FailureLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    synchronized boolean blocked(String address) {
        return recent(address).size() >= limit;
    }

    synchronized void failed(String address) {
        recent(address).addLast(clock.instant());
        if (failures.size() > MAX_ADDRESSES) {
            // Many addresses: forget those whose failures have all left the window.
            failures.keySet().removeIf(other -> recent(other).isEmpty());
        }
    }

    /** Seconds until the address may try again (at least 1). */
    synchronized long retryAfterSeconds(String address) {
        Deque<Instant> recent = recent(address);
        if (recent.isEmpty()) {
            return 1;
        }
        long seconds = Duration.between(clock.instant(), recent.peekFirst().plus(window)).toSeconds();
        return Math.max(1, seconds + 1);
    }

    private Deque<Instant> recent(String address) {
        Deque<Instant> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        Instant horizon = clock.instant().minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.removeFirst();
        }
        return times;
    }
}
