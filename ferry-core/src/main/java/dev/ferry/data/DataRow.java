package dev.ferry.data;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One row of a batch: its columns by name as the query labels them; the first is its key. */
public final class DataRow {
    private final Map<String, Integer> index;
    private final Object[] values;

    DataRow(Map<String, Integer> index, Object[] values) {
        this.index = index;
        this.values = values;
    }

    public Object key() {
        return values[0];
    }

    public Object get(String column) {
        Integer i = index.get(column);
        if (i == null) {
            throw new IllegalArgumentException("the batch's query has no column " + column + "; it has " + columns());
        }
        return values[i];
    }

    public String getString(String column) {
        Object v = get(column);
        return v == null ? null : v.toString();
    }

    /** The column as a number; null stays null. */
    public Long getLong(String column) {
        Object v = get(column);
        return v == null ? null : v instanceof Number n ? n.longValue() : Long.valueOf(v.toString());
    }

    public List<String> columns() {
        return List.copyOf(index.keySet());
    }

    public Map<String, Object> values() {
        Map<String, Object> m = new LinkedHashMap<>();
        index.forEach((name, i) -> m.put(name, values[i]));
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        index.forEach((name, i) -> sb.append(sb.length() == 0 ? "" : ", ").append(name).append('=').append(values[i]));
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataRow r && r.index.keySet().equals(index.keySet()) && Arrays.equals(r.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }
}
