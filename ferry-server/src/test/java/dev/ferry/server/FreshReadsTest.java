package dev.ferry.server;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class FreshReadsTest {

    @Test
    void requestsWaitingWhileAReadRunsShareTheNextOneAndNoneGetsAnOlderOne() throws Exception {
        FreshReads reads = new FreshReads();
        AtomicInteger count = new AtomicInteger();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(21);
        try {
            Future<String> first = pool.submit(() -> reads.get(() -> {
                firstStarted.countDown();
                await(release);
                return "read " + count.incrementAndGet();
            }));
            firstStarted.await();
            List<Future<String>> later = new ArrayList<>();
            for (int i = 0; i < 20; i++) { // arrive while read 1 runs: read 1 started before them, so they need another
                later.add(pool.submit(() -> reads.get(() -> "read " + count.incrementAndGet())));
            }
            Thread.sleep(200);
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("read 1");
            for (Future<String> f : later) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo("read 2");
            }
            assertThat(count).hasValue(2);
            assertThat(reads.get(() -> "read " + count.incrementAndGet())).as("a request after both: a read of its own").isEqualTo("read 3");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
