package dev.ferry.bench;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One load phase summed up: how many requests in how long, the latency percentiles (nearest rank over
 * every request, none sampled away), the answers by status, and the errors: answers the phase did not
 * expect plus requests that got none.
 */
record LoadResult(String name, int clients, double seconds, long requests, long p50Nanos, long p90Nanos, long p99Nanos,
                  long maxNanos, Map<Integer, Long> statuses, long unexpected, long unanswered, String firstProblem) {

    static LoadResult of(String name, int clients, double seconds, LoadTally all) {
        long[] sorted = all.sortedLatencies();
        return new LoadResult(name, clients, seconds, sorted.length, percentile(sorted, 50), percentile(sorted, 90),
                percentile(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1],
                Map.copyOf(all.statuses()), all.unexpected(), all.unanswered(), all.firstProblem());
    }

    /** Nearest rank: the smallest latency that at least {@code percent} per cent of the requests did not exceed. */
    static long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    long errors() {
        return unexpected + unanswered;
    }

    long count(int status) {
        return statuses.getOrDefault(status, 0L);
    }

    double perSecond() {
        return seconds == 0 ? 0 : requests / seconds;
    }

    /** e.g. "200: 15321" or "401: 12, 429: 9988". */
    String answers() {
        return statuses.isEmpty() ? "none" : statuses.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    /** The phase as one JSON object (hand-written: the fields are numbers and the one problem text). */
    String json() {
        String byStatus = statuses.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue()).collect(Collectors.joining(","));
        return String.format(Locale.ROOT, "{\"clients\":%d,\"seconds\":%.2f,\"requests\":%d,\"perSecond\":%.1f,"
                        + "\"p50Ms\":%s,\"p90Ms\":%s,\"p99Ms\":%s,\"maxMs\":%s,\"statuses\":{%s},\"unexpected\":%d,\"unanswered\":%d,\"firstProblem\":%s}",
                clients, seconds, requests, perSecond(), ms(p50Nanos), ms(p90Nanos), ms(p99Nanos), ms(maxNanos), byStatus,
                unexpected, unanswered, firstProblem == null ? "null" : quote(firstProblem));
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
