package dev.ferry.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Makes two {@code pg_dump --schema-only} outputs comparable: comments, session settings and blank
 * lines go, the columns of each CREATE TABLE are sorted (a column added again by a repair script
 * comes last) and the statements are sorted (pg_dump orders by dependency, which follows object ids).
 */
public final class DumpNormaliser {
    private DumpNormaliser() {
    }

    public static String normalise(String dump) {
        String body = dump.lines()
                .filter(l -> !l.startsWith("--") && !l.startsWith("\\") && !l.startsWith("SET ") && !l.startsWith("SELECT pg_catalog.set_config")
                        && !l.isBlank())
                .collect(Collectors.joining("\n"));
        List<String> statements = new ArrayList<>();
        for (String statement : body.split(";\n")) {
            statements.add(statement.startsWith("CREATE TABLE") ? sortColumns(statement.strip()) : statement.strip());
        }
        return statements.stream().filter(s -> !s.isEmpty()).sorted().collect(Collectors.joining(";\n")) + "\n";
    }

    private static String sortColumns(String createTable) {
        int open = createTable.indexOf("(\n");
        int close = createTable.lastIndexOf("\n)");
        if (open < 0 || close < open) {
            return createTable;
        }
        String columns = Arrays.stream(createTable.substring(open + 2, close).split("\n"))
                .map(l -> l.endsWith(",") ? l.substring(0, l.length() - 1) : l).sorted().collect(Collectors.joining(",\n"));
        return createTable.substring(0, open + 2) + columns + createTable.substring(close);
    }
}
