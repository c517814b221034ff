package dev.ferry.server;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class FailureLimiterTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void blocksAnAddressAfterTheLimitUntilItsFailuresLeaveTheWindow() {
        FailureLimiter limiter = new FailureLimiter(3, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.blocked("10.0.0.1")).isFalse();
            limiter.failed("10.0.0.1");
        }

        assertThat(limiter.blocked("10.0.0.1")).isTrue();
        assertThat(limiter.blocked("10.0.0.2")).as("another address").isFalse();
        assertThat(limiter.retryAfterSeconds("10.0.0.1")).isBetween(1L, 61L);

        now.set(now.get().plusSeconds(61));
        assertThat(limiter.blocked("10.0.0.1")).isFalse();
    }
}
