package dev.ferry.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one client thread of a load phase saw: every request's latency, every answer's status, the answers
 * the phase did not expect and the requests that got no answer at all. Kept per thread, so that recording
 * costs no lock, and merged once the phase is over.
 */
final class LoadTally {
    private long[] latencies = new long[4096];
    private int count;
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private long unexpected;
    private long unanswered;
    private String firstProblem;

    /** An answer; {@code problem} is null when it was one the phase expects, else what was wrong with it. */
    void answered(int status, long nanos, String problem) {
        latency(nanos);
        statuses.merge(status, 1L, Long::sum);
        if (problem != null) {
            unexpected++;
            firstProblem = firstProblem == null ? problem : firstProblem;
        }
    }

    /** No answer: a connection failure or a timeout. Its time counts too, so a stalled request shows in the tail. */
    void unanswered(long nanos, String problem) {
        latency(nanos);
        unanswered++;
        firstProblem = firstProblem == null ? problem : firstProblem;
    }

    private void latency(long nanos) {
        if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = nanos;
    }

    /** All threads' tallies as one, for the phase's {@link LoadResult}. */
    static LoadTally merge(Iterable<LoadTally> tallies) {
        LoadTally all = new LoadTally();
        for (LoadTally t : tallies) {
            for (int i = 0; i < t.count; i++) {
                all.latency(t.latencies[i]);
            }
            t.statuses.forEach((status, n) -> all.statuses.merge(status, n, Long::sum));
            all.unexpected += t.unexpected;
            all.unanswered += t.unanswered;
            all.firstProblem = all.firstProblem == null ? t.firstProblem : all.firstProblem;
        }
        return all;
    }

    /** The latencies in nanoseconds, sorted. */
    long[] sortedLatencies() {
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        return sorted;
    }

    Map<Integer, Long> statuses() {
        return statuses;
    }

    long unexpected() {
        return unexpected;
    }

    long unanswered() {
        return unanswered;
    }

    String firstProblem() {
        return firstProblem;
    }
}
