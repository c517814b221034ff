package dev.ferry.migrate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One row of another tool's history table rewritten by {@code repair --history}: the columns that
 * find the row ({@code key}, empty when the changed column is the key itself, as Rails's version
 * is), and the changed columns as they were and as they become. Saved before the repair so that
 * {@code repair --undo} can reverse it.
 */
public record RowChange(Map<String, Object> key, Map<String, Object> before, Map<String, Object> after) {

    public RowChange {
        key = new LinkedHashMap<>(key);
        before = new LinkedHashMap<>(before);
        after = new LinkedHashMap<>(after);
    }

    /** The change that puts the row back. */
    RowChange reversed() {
        return new RowChange(key, after, before);
    }

    /** "version 20250121000001 → 20250823000001", with the key in brackets when there is one. */
    String describe() {
        String changed = after.keySet().stream().filter(c -> !String.valueOf(before.get(c)).equals(String.valueOf(after.get(c))))
                .map(c -> c + " " + before.get(c) + " → " + after.get(c)).collect(Collectors.joining(", "));
        String where = key.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return changed + (where.isEmpty() ? "" : " (" + where + ")");
    }
}
