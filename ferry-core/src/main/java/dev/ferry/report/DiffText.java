package dev.ferry.report;

import dev.ferry.schema.DiffResult;
import dev.ferry.schema.SchemaChange;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code ferry diff} and {@code check --drift} for a terminal. */
public final class DiffText {
    private DiffText() {
    }

    /** The table of differences, one row per object, then a one-line summary. */
    public static String summary(DiffResult r, Ansi ansi) {
        if (r.changes().isEmpty()) {
            return ansi.green("No differences") + " between " + r.from() + " and " + r.to() + ".\n";
        }
        // "risk": whether the change drops data, so its statements are commented out unless allowed
        TextTable t = new TextTable("object", "difference", "risk");
        byObject(r).forEach((object, changes) -> t.row(object, summaries(changes),
                changes.stream().anyMatch(SchemaChange::destructive) ? ansi.yellow("destructive") : ""));
        return t.render() + "\n" + oneLine(r) + "\n";
    }

    /** "3 differences: column public.users.is_suspended missing; …", counting objects, not statements. */
    public static String oneLine(DiffResult r) {
        Map<String, List<SchemaChange>> objects = byObject(r);
        return objects.size() + (objects.size() == 1 ? " difference: " : " differences: ")
                + objects.entrySet().stream().map(e -> e.getKey() + " " + summaries(e.getValue())).collect(Collectors.joining("; "));
    }

    /** A recreated view or a changed constraint is a drop and a create: one object, one difference. */
    private static Map<String, List<SchemaChange>> byObject(DiffResult r) {
        return r.changes().stream().collect(Collectors.groupingBy(SchemaChange::object, LinkedHashMap::new, Collectors.toList()));
    }

    private static String summaries(List<SchemaChange> changes) {
        return changes.stream().map(SchemaChange::summary).distinct().collect(Collectors.joining(", "));
    }
}
