package dev.ferry.data;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code -- ferry:batch table=accounts key=id size=10000}: run the file's statements once per range
 * of {@code size} rows of {@code table}, ordered by its integer {@code key}, with the range bound to
 * {@code :from} (inclusive) and {@code :to} (exclusive).
 */
public record BatchDirective(String table, String key, int size) {
    private static final Pattern LINE = Pattern.compile("(?m)^\\s*--\\s*ferry:batch\\b(.*)$");
    private static final Pattern PAIR = Pattern.compile("([a-z]+)=(\\S+)");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");
    static final int MAX_SIZE = 1_000_000;

    /** The file's directive, if it has one; a malformed one is an error naming the file. */
    static Optional<BatchDirective> find(Path file, String sql) {
        Matcher m = LINE.matcher(sql);
        if (!m.find()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        Matcher p = PAIR.matcher(m.group(1));
        while (p.find()) {
            values.put(p.group(1), p.group(2));
        }
        String rest = PAIR.matcher(m.group(1)).replaceAll("").strip();
        if (!rest.isEmpty() || !values.keySet().stream().allMatch(k -> k.equals("table") || k.equals("key") || k.equals("size"))) {
            throw bad(file, "'" + m.group().strip() + "' has something other than table=, key= and size=");
        }
        String table = values.get("table");
        String key = values.get("key");
        if (table == null || key == null || !NAME.matcher(table).matches() || !NAME.matcher(key).matches()) {
            throw bad(file, "'" + m.group().strip() + "' needs table=NAME and key=COLUMN (an integer key, such as the primary key)");
        }
        int size;
        try {
            size = Integer.parseInt(values.getOrDefault("size", "10000"));
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 1 || size > MAX_SIZE) {
            throw bad(file, "size= should be a number of rows from 1 to " + MAX_SIZE + ", not " + values.get("size"));
        }
        if (!sql.contains(":from") || !sql.contains(":to")) {
            throw bad(file, "a batched file names its range as :from and :to, e.g. UPDATE " + table + " SET … WHERE " + key + " >= :from AND " + key
                    + " < :to");
        }
        return Optional.of(new BatchDirective(table, key, size));
    }

    private static FerryException bad(Path file, String what) {
        return new FerryException(ErrorCode.CONFIG, file + ": " + what,
                "write it as -- ferry:batch table=accounts key=id size=10000, and use :from and :to in the statement's WHERE");
    }
}
