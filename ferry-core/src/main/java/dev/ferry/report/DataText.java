package dev.ferry.report;

import dev.ferry.data.DataResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Data migrations for a terminal: their states and counts; a run's or dry run's summary. */
public final class DataText {
    private DataText() {
    }

    public static String status(DataResult r, Path location, Ansi ansi) {
        if (r.migrations().isEmpty()) {
            return "No data migrations in " + location + " (files D<version>__<description>.sql or .cmd, jars of DataMigration classes), and none in"
                    + " the history of " + r.database() + ".\n";
        }
        StringBuilder sb = new StringBuilder(table(r));
        outcomes(r, sb);
        return sb.append(r.migrations().size()).append(" data migration").append(r.migrations().size() == 1 ? "" : "s").append(" of ").append(location)
                .append(" on ").append(r.database()).append(".\n").toString();
    }

    public static String run(DataResult r, Ansi ansi) {
        StringBuilder sb = new StringBuilder();
        if (r.migrations().isEmpty()) {
            return sb.append(ansi.green("Up to date")).append(": no data migration is pending on ").append(r.database()).append(".\n").toString();
        }
        sb.append(table(r));
        for (DataResult.Item i : r.migrations()) {
            for (DataResult.Sample s : i.samples()) {
                sb.append("D").append(i.id()).append(", first rows ").append(s.when()).append(":\n");
                s.rows().forEach(row -> sb.append("  ").append(row).append('\n'));
            }
        }
        outcomes(r, sb);
        for (DataResult.Item i : r.migrations()) {
            if (i.log() != null && (i.errors() > 0 || i.skipped() > 0 || i.migrated() > 0)) {
                sb.append("D").append(i.id()).append(" per-record outcomes").append(i.errors() > 0 ? " (" + i.errors() + " errors)" : "").append(": ")
                        .append(i.log()).append('\n');
            }
        }
        long migrated = r.migrations().stream().mapToLong(DataResult.Item::migrated).sum();
        return sb.append(r.dryRun() ? ansi.green("Dry run") + ": " + migrated + " rows would be changed on " + r.database()
                + "; every batch was rolled back, nothing was written" : ansi.green("Ran") + " " + r.migrations().size() + " data migration"
                + (r.migrations().size() == 1 ? "" : "s") + " on " + r.database() + ": " + migrated + " rows changed, each batch committed with its checkpoint")
                .append(" (").append(Formats.millis(r.elapsedMs())).append(").\n").toString();
    }

    /** Per migration, how many records had each outcome and reason. */
    private static void outcomes(DataResult r, StringBuilder sb) {
        for (DataResult.Item i : r.migrations()) {
            if (!i.reasons().isEmpty()) {
                sb.append("D").append(i.id()).append(" outcomes:\n");
                for (String outcome : List.of("migrated", "skipped", "error")) {
                    i.reasons().getOrDefault(outcome, Map.of()).entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                            .forEach(e -> sb.append(String.format(Locale.ROOT, "  %-8s %,12d  %s%n", outcome, e.getValue(), e.getKey())));
                }
            }
        }
    }

    private static String table(DataResult r) {
        TextTable t = new TextTable("id", "description", "kind", "status", "processed", "migrated", "skipped", "errors", "batches", "note")
                .rightAlign(4, 5, 6, 7, 8);
        for (DataResult.Item i : r.migrations()) {
            t.row("D" + i.id(), i.description(), i.kind(), i.status().toLowerCase(Locale.ROOT), String.valueOf(i.processed()), String.valueOf(i.migrated()),
                    String.valueOf(i.skipped()), String.valueOf(i.errors()), i.batches() == 0 ? "" : String.valueOf(i.batches()),
                    i.detail() == null ? "" : i.detail());
        }
        return t.render() + "\n";
    }
}
