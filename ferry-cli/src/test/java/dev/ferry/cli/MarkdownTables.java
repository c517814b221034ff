package dev.ferry.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables of a Markdown page as rows of header → cell, so that a test checks the numbers an
 * example's README states instead of a copy of them that could drift apart.
 */
final class MarkdownTables {
    private final List<String> lines;

    MarkdownTables(String markdown) {
        this.lines = markdown.lines().toList();
    }

    /** The first table after the line {@code heading} (e.g. "## What the copy leaves"); cells without their `code` marks. */
    List<Map<String, String>> after(String heading) {
        int at = lines.indexOf(heading);
        if (at < 0) {
            throw new IllegalStateException("the README has no heading '" + heading + "'");
        }
        while (at < lines.size() && !lines.get(at).startsWith("|")) {
            at++;
        }
        if (at + 1 >= lines.size()) {
            throw new IllegalStateException("no table after '" + heading + "'");
        }
        List<String> header = cells(lines.get(at));
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            List<String> cells = cells(lines.get(i));
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), c < cells.size() ? cells.get(c) : "");
            }
            rows.add(row);
        }
        return rows;
    }

    /** The first two columns of the table after {@code heading} as name → number ("1,207" is 1207). */
    Map<String, Long> counts(String heading) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map<String, String> row : after(heading)) {
            List<String> cells = List.copyOf(row.values());
            counts.put(cells.get(0), Long.parseLong(cells.get(1).replace(",", "")));
        }
        return counts;
    }

    private static List<String> cells(String line) {
        String inner = line.strip().substring(1, line.strip().length() - (line.strip().endsWith("|") ? 1 : 0));
        return Arrays.stream(inner.split("\\|", -1)).map(c -> c.strip().replace("`", "")).toList();
    }
}
