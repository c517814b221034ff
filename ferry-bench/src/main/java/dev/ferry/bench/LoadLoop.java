package dev.ferry.bench;

import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.Request;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One load phase: a fixed pool of platform threads (Java 17 has no virtual ones), each a client sending
 * one request after another and waiting for its answer, over the keep-alive connections of a Jetty
 * client whose pool holds one connection per thread, until {@code more} says stop. The phase is bounded:
 * one that has not ended within its bound is a failed run, not a slow result.
 */
final class LoadLoop {

    /** What was wrong with an answer, or null when it is one the phase expects. */
    @FunctionalInterface
    interface Check {
        String problem(ContentResponse response);
    }

    private LoadLoop() {
    }

    /**
     * Runs {@code clients} threads until {@code more} is false for each, then sums them up.
     *
     * @param request a new request each time (with its timeout set), since a Jetty request is sent once
     * @param more    asked before each request; it decides the phase's length or count
     * @param bound   the longest the phase may take, its last answers included
     */
    static LoadResult run(String name, int clients, Supplier<Request> request, Check check, BooleanSupplier more, Duration bound)
            throws InterruptedException {
        AtomicInteger serial = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients, task -> {
            Thread thread = new Thread(task, name + "-" + serial.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long started = System.nanoTime();
        List<Future<LoadTally>> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            threads.add(pool.submit(() -> loop(request, check, more)));
        }
        pool.shutdown();
        if (!pool.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
            throw new Harness.RunFailed(name + " did not end within " + bound.toSeconds() + " s");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<LoadTally> tallies = new ArrayList<>();
        for (Future<LoadTally> thread : threads) {
            try {
                tallies.add(thread.get());
            } catch (ExecutionException failed) {
                throw new Harness.RunFailed(name + ": a client thread failed: " + failed.getCause());
            }
        }
        return LoadResult.of(name, clients, seconds, LoadTally.merge(tallies));
    }

    private static LoadTally loop(Supplier<Request> request, Check check, BooleanSupplier more) {
        LoadTally tally = new LoadTally();
        while (more.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            long sent = System.nanoTime();
            try {
                ContentResponse response = request.get().send();
                tally.answered(response.getStatus(), System.nanoTime() - sent, check.problem(response));
            } catch (TimeoutException | ExecutionException noAnswer) {
                Throwable cause = noAnswer.getCause() == null ? noAnswer : noAnswer.getCause();
                tally.unanswered(System.nanoTime() - sent, cause.getClass().getSimpleName() + ": " + cause.getMessage());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return tally;
    }
}
