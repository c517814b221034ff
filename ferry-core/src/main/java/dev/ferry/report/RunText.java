package dev.ferry.report;

import dev.ferry.cutover.RunResult;

import java.nio.file.Path;
import java.util.List;

/** A run's summary for a terminal: every step with its state and time, the rollback, the downtime, where the report is. */
public final class RunText {
    private RunText() {
    }

    public static String run(RunResult r, Path report, Ansi ansi) {
        StringBuilder sb = new StringBuilder();
        table(sb, r.steps(), ansi);
        if (!r.rollback().isEmpty()) {
            sb.append("Rollback:\n");
            table(sb, r.rollback(), ansi);
        }
        if (r.downtimeMs() != null) {
            sb.append("Downtime: ").append(Formats.millis(r.downtimeMs())).append('\n');
        }
        String ended = switch (r.state()) {
            case "completed" -> ansi.green("Completed") + ": every step of " + r.plan() + " ran";
            case "failed" -> ansi.red("Failed") + ": " + r.failure() + "; nothing after the point of no return ran, so there was nothing to roll back."
                    + " Fix it, then: ferry run " + r.plan() + " --resume";
            case "rolled-back" -> ansi.red("Failed and rolled back") + ": " + r.failure() + "; every rollback step completed";
            case "rollback-incomplete" -> ansi.red("Failed, and the rollback is incomplete") + ": " + r.failure() + "; could not roll back: "
                    + String.join(", ", r.rollback().stream().filter(s -> !s.state().equals("completed")).map(RunResult.StepRecord::id).toList())
                    + ". Put those right by hand";
            default -> ansi.yellow("Interrupted") + ": ferry run " + r.plan() + " --resume goes on";
        };
        sb.append(ended).append(" (run ").append(r.id()).append(", ").append(Formats.millis(r.elapsedMs())).append(").\n");
        sb.append("Report: ").append(report).append('\n');
        return sb.toString();
    }

    /** A rehearsal: the same table, then what it predicts for the real run. */
    public static String rehearsal(RunResult r, Path report, Ansi ansi) {
        StringBuilder sb = new StringBuilder();
        table(sb, r.steps(), ansi);
        if (!r.rollback().isEmpty()) {
            sb.append("Rollback (rehearsed too, after the failure above):\n");
            table(sb, r.rollback(), ansi);
        }
        if (r.completed()) {
            sb.append(ansi.green("Rehearsed")).append(": every step of ").append(r.plan()).append(" ran on scratch copies of source and target");
            if (r.downtimeMs() != null) {
                sb.append("; expect a downtime of about ").append(ansi.bold(Formats.millis(r.downtimeMs())));
            }
            sb.append(" (shell and http steps were shown, not run: add their time).\n");
        } else {
            sb.append(ansi.red("The rehearsal failed")).append(": ").append(r.failure()).append(". The real databases were only read;")
                    .append(" a real run would fail the same way.\n");
        }
        sb.append("Report: ").append(report).append('\n');
        return sb.toString();
    }

    private static void table(StringBuilder sb, List<RunResult.StepRecord> steps, Ansi ansi) {
        int width = steps.stream().mapToInt(s -> s.id().length()).max().orElse(2);
        for (RunResult.StepRecord s : steps) {
            String state = switch (s.state()) {
                case "completed" -> ansi.green("done");
                case "failed" -> ansi.red("FAILED");
                case "interrupted" -> ansi.yellow("interrupted");
                default -> ansi.dim("not run");
            };
            String detail = s.error() != null ? s.error() : s.summary() != null ? s.summary() : "";
            sb.append(String.format("  %-" + width + "s  %-18s  %-11s  %8s  %s%n", s.id(), s.kind(), state, s.ms() == null ? "" : Formats.millis(s.ms()),
                    Formats.firstLine(detail)));
        }
    }
}
