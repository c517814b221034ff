package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.demo.DemoDatabases;
import dev.ferry.demo.DemoFindings;
import dev.ferry.report.Ansi;
import dev.ferry.report.Formats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What {@code ferry demo} tells after its plan ran: per trap what the run found and did, in numbers
 * read back from the new database and from the run's report, then where the report is.
 */
final class DemoStory {
    /** The secrets step's log: "[signing_keys] JWT_SECRET replaced (fingerprint 1a2b3c4d)". */
    private static final Pattern SECRET_COPIED = Pattern.compile("\\[signing_keys] ([A-Z0-9_]+) (replaced|appended) ");
    /** The heal step's log: "[heal] OBJECT SUMMARY", the changes it left out marked so. */
    private static final Pattern HEALED = Pattern.compile("\\[heal] (.+)$");

    private DemoStory() {
    }

    static String told(JsonNode run, Long rehearsedDowntimeMs, DemoFindings found, Path workspace, Path workDir, Path html, long elapsedMs, Ansi ansi) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"secrets", secrets(run)});
        lines.add(new String[] {"duplicates", found.quarantined().size() + " accounts repeat an older account's e-mail (ids " + ids(found.quarantined())
                + "): quarantined in ferry_quarantine.users, with the reason, for a person to merge"});
        lines.add(new String[] {"orphans", orphans(found)});
        lines.add(new String[] {"kept", kept(found)});
        lines.add(new String[] {"copied", found.tables().entrySet().stream().filter(t -> t.getKey().startsWith("public."))
                .map(t -> t.getKey().substring("public.".length()) + " " + t.getValue()).collect(Collectors.joining(", "))});
        lines.add(new String[] {"drift", drift(run, found)});
        lines.add(new String[] {"migrated", "migration " + outputs(run, "migrate").path("schemaVersion").asText("?") + " added enrollments.progress_percent;"
                + " the data migration filled it for " + found.withProgress() + " of " + found.tables().getOrDefault("public.enrollments", 0L) + " enrollments"});
        lines.add(new String[] {"validated", step(run, "validate").path("summary").asText("").replaceFirst("^validated target: ", "") + " (checks.yaml)"});
        StringBuilder sb = new StringBuilder("\n").append(ansi.bold("What the night found")).append(", read back from the new database:\n");
        for (String[] line : lines) {
            sb.append(String.format("  %-10s  %s%n", line[0], line[1]));
        }
        if (run.path("downtimeMs").isNumber()) {
            sb.append("Downtime: ").append(Formats.millis(run.path("downtimeMs").asLong())).append(", from downtime: begin to downtime: end");
            sb.append(rehearsedDowntimeMs == null ? "" : "; the rehearsal on scratch copies predicted " + Formats.millis(rehearsedDowntimeMs)).append(".\n");
        }
        sb.append("Report: ").append(html).append(" (the timeline of the steps and the downtime: open it in a browser)\n");
        sb.append("Workspace: ").append(shown(workspace, workDir)).append(" (ferry.yaml, PLAN.yaml, mapping.yaml, checks.yaml, migrations/): ferry plan PLAN.yaml"
                + " there shows the plan, ferry demo starts over.\n");
        sb.append(ansi.green("Done")).append(" in ").append(Formats.millis(elapsedMs)).append(".\n");
        return sb.toString();
    }

    static String failed(JsonNode run, Path html, Ansi ansi) {
        return "\n" + ansi.red("The demo's plan did not complete") + " (" + run.path("state").asText() + "): " + run.path("failure").asText("")
                + "\nReport: " + html + "\n";
    }

    private static String secrets(JsonNode run) {
        List<String> copied = new ArrayList<>();
        Matcher m = SECRET_COPIED.matcher(run.path("log").asText(""));
        while (m.find()) {
            copied.add(m.group(1));
        }
        String backup = outputs(run, "signing_keys").path("backup").asText("");
        return (copied.isEmpty() ? "none differed" : String.join(" and ", copied) + " differed") + " between old/.env and .env: copied from old/.env"
                + (backup.isEmpty() ? "" : " (the replaced file kept as " + backup + ")") + "; compared by fingerprint, never shown";
    }

    private static String orphans(DemoFindings found) {
        if (found.orphans().isEmpty()) {
            return "none";
        }
        return found.orphans().stream().map(o -> "payment " + o.payment() + " of account " + o.account()).collect(Collectors.joining(", "))
                + ", an account deleted long ago: nobody to enrol, so no enrollment; kept with every payment in legacy.\"coursePayments\"";
    }

    private static String kept(DemoFindings found) {
        List<Map.Entry<String, Long>> kept = found.tables().entrySet().stream().filter(t -> t.getKey().startsWith("legacy.")).toList();
        return kept.size() + " tables the new schema has no place for, as they were, in schema legacy: "
                + kept.stream().map(t -> t.getKey().substring("legacy.".length()) + " " + t.getValue()).collect(Collectors.joining(", "));
    }

    private static String drift(JsonNode run, DemoFindings found) {
        List<String> healed = new ArrayList<>();
        for (String line : run.path("log").asText("").split("\n")) {
            Matcher m = HEALED.matcher(line);
            if (m.find() && !m.group(1).contains("left out")) {
                healed.add(m.group(1));
            }
        }
        String column = DemoDatabases.DRIFTED_TABLE + "." + DemoDatabases.DRIFTED_COLUMN;
        return column + ", dropped by hand although migration V2 made it: " + (found.columnBack() ? "put back" : "NOT put back")
                + (healed.isEmpty() ? "" : " (heal-drift found: " + String.join("; ", healed) + ")");
    }

    private static JsonNode step(JsonNode run, String id) {
        for (JsonNode step : run.path("steps")) {
            if (step.path("id").asText().equals(id)) {
                return step;
            }
        }
        return run.path("missing");
    }

    private static JsonNode outputs(JsonNode run, String id) {
        return step(run, id).path("outputs");
    }

    /** 591–600 when they follow each other, else each. */
    private static String ids(List<Long> ids) {
        if (ids.size() > 2 && ids.get(ids.size() - 1) - ids.get(0) == ids.size() - 1) {
            return ids.get(0) + "–" + ids.get(ids.size() - 1);
        }
        return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String shown(Path workspace, Path workDir) {
        Path here = workDir.toAbsolutePath().normalize();
        return workspace.startsWith(here) && !workspace.equals(here) ? here.relativize(workspace) + "/" : workspace.toString();
    }
}
