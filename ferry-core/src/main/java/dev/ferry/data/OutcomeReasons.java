package dev.ferry.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.TreeMap;

/**
 * How many records each outcome had per reason ("migrated": {"IBAN": 50000, …}), kept in the history
 * as JSON with each checkpoint so that the breakdown holds across restarts. A migration that gives a
 * reason per record (a key, say) would make this grow without end: past {@link #MAX_REASONS} reasons
 * of one outcome the rest count as "other reasons".
 */
final class OutcomeReasons {
    static final int MAX_REASONS = 50;
    static final String OTHER = "other reasons";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Map<String, Long>> counts;

    private OutcomeReasons(Map<String, Map<String, Long>> counts) {
        this.counts = counts;
    }

    static OutcomeReasons none() {
        return new OutcomeReasons(new TreeMap<>());
    }

    /** As the history keeps them; none for null or what cannot be read (a table of an earlier Ferry). */
    static OutcomeReasons parse(String json) {
        if (json == null || json.isBlank()) {
            return none();
        }
        try {
            return new OutcomeReasons(new TreeMap<>(JSON.readValue(json, new TypeReference<Map<String, Map<String, Long>>>() { })));
        } catch (JsonProcessingException e) {
            return none();
        }
    }

    void add(String outcome, String reason) {
        if (reason == null) {
            return;
        }
        Map<String, Long> of = counts.computeIfAbsent(outcome, o -> new TreeMap<>());
        String key = of.containsKey(reason) || of.size() < MAX_REASONS ? reason : OTHER;
        of.merge(key, 1L, Long::sum);
    }

    void addAll(OutcomeReasons other) {
        other.counts.forEach((outcome, reasons) -> reasons.forEach((reason, n) -> {
            Map<String, Long> of = counts.computeIfAbsent(outcome, o -> new TreeMap<>());
            of.merge(of.containsKey(reason) || of.size() < MAX_REASONS ? reason : OTHER, n, Long::sum);
        }));
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    Map<String, Map<String, Long>> asMap() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        counts.forEach((outcome, reasons) -> copy.put(outcome, Map.copyOf(reasons)));
        return copy;
    }

    String json() {
        try {
            return counts.isEmpty() ? null : JSON.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("counts of strings are always JSON", e);
        }
    }
}
