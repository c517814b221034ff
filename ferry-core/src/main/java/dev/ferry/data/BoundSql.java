package dev.ferry.data;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A statement of a batched data migration with its {@code :from} and {@code :to} made JDBC parameters, in the order they appear. */
record BoundSql(String sql, List<String> names) {
    /** :from or :to, not PostgreSQL's cast {@code ::to…} nor part of a longer name. */
    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):(from|to)\\b");

    static BoundSql of(String sql) {
        List<String> names = new ArrayList<>();
        Matcher m = PARAMETER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            names.add(m.group(1));
            m.appendReplacement(out, "?");
        }
        m.appendTail(out);
        return new BoundSql(out.toString(), List.copyOf(names));
    }
}
