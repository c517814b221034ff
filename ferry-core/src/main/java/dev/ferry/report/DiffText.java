package dev.ferry.report;

import dev.ferry.schema.DiffResult;
import dev.ferry.schema.SchemaChange;

import java.util.stream.Collectors;

/** {@code ferry diff} and {@code check --drift} for a terminal. */
public final class DiffText {
    private DiffText() {
    }

    /** The table of differences, then a one-line summary. */
    public static String summary(DiffResult r, Ansi ansi) {
        if (r.changes().isEmpty()) {
            return ansi.green("No differences") + " between " + r.from() + " and " + r.to() + ".\n";
        }
        TextTable t = new TextTable("object", "difference", "");
        r.changes().forEach(c -> t.row(c.object(), c.summary(), c.destructive() ? ansi.yellow("destructive") : ""));
        return t.render() + "\n" + oneLine(r) + "\n";
    }

    /** "3 differences: column public.users.is_suspended missing; …" */
    public static String oneLine(DiffResult r) {
        return r.changes().size() + (r.changes().size() == 1 ? " difference: " : " differences: ")
                + r.changes().stream().map(DiffText::describe).collect(Collectors.joining("; "));
    }

    private static String describe(SchemaChange c) {
        return c.object() + " " + c.summary();
    }
}
