package dev.ferry.report;

import dev.ferry.cutover.Plan;
import dev.ferry.cutover.Step;

import java.util.List;
import java.util.Map;

/** A plan for a terminal ({@code ferry plan}): every step and what it will do to which database, the point of no return, the rollback, the preflight. */
public final class PlanText {
    private PlanText() {
    }

    /** One preflight check: what, its status (ok, info, warn or FAIL: only FAIL does not pass), and what it found. */
    public record Preflight(String check, String status, String detail) {
        public boolean passed() {
            return !status.equals("FAIL");
        }
    }

    public static String plan(Plan plan, String source, String target, List<Preflight> preflight, Ansi ansi) {
        StringBuilder sb = new StringBuilder();
        sb.append(ansi.bold("Plan " + plan.file())).append(": ").append(plan.steps().size()).append(" steps, ")
                .append(plan.rollback().isEmpty() ? "no rollback" : plan.rollback().size() + " rollback steps").append('\n');
        sb.append("  source  ").append(source).append('\n');
        sb.append("  target  ").append(target).append("\n\n");
        steps(sb, plan.steps(), plan.pointOfNoReturn(), ansi);
        if (!plan.rollback().isEmpty()) {
            sb.append("\nWhen a step from the point of no return on fails, the rollback:\n");
            steps(sb, plan.rollback(), -1, ansi);
        } else if (plan.pointOfNoReturn() < plan.steps().size()) {
            sb.append('\n').append(ansi.yellow("No rollback:")).append(" a failure after the point of no return leaves the target as the failure left it.\n");
        }
        sb.append("\nPreflight:\n");
        for (Preflight p : preflight) {
            String status = String.format("%-4s", p.status());
            sb.append("  ").append(p.passed() ? p.status().equals("warn") ? ansi.yellow(status) : ansi.green(status) : ansi.red(status)).append("  ")
                    .append(p.check()).append(": ").append(p.detail()).append('\n');
        }
        return sb.toString();
    }

    private static void steps(StringBuilder sb, List<Step> steps, int pointOfNoReturn, Ansi ansi) {
        int width = steps.stream().mapToInt(s -> s.id().length()).max().orElse(2);
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (i == pointOfNoReturn) {
                sb.append("  ").append(ansi.yellow("── point of no return: a failure from here on runs the rollback ──")).append('\n');
            }
            sb.append(String.format("  %2d  %-" + width + "s  %s%n", i + 1, s.id(), describe(s)));
        }
    }

    /** What the step will do, in words, with the database it works on. */
    public static String describe(Step s) {
        Map<String, Object> o = s.options();
        return switch (s.kind()) {
            case SHELL -> "run `" + o.get("command") + "` (expects exit " + o.getOrDefault("expect", 0) + ", at most " + o.getOrDefault("timeout", 600) + " s)";
            case HTTP -> "GET " + o.get("url") + " until it answers " + o.getOrDefault("expect", 200)
                    + (o.containsKey("retries") ? " (" + o.get("retries") + " retries)" : "");
            case SECRETS -> "compare " + String.join(", ", keys(o)) + " between " + o.get("source") + " and " + o.get("target")
                    + (Boolean.TRUE.equals(o.get("copy")) ? ", then copy them into " + o.get("target") + " (its old text kept beside it)" : "");
            case TERMINATE_SESSIONS -> "end the other sessions on the " + o.get("on");
            case BACKUP -> "back up the " + o.get("of") + " into " + o.getOrDefault("out", "backups") + "/" + (Boolean.TRUE.equals(o.get("verify")) ? ", verified" : "");
            case RESTORE -> "restore " + o.get("from") + " into the " + o.get("to") + (Boolean.TRUE.equals(o.get("clean")) ? ", replacing what it holds" : " (empty)");
            case COPY -> "copy the " + o.getOrDefault("from", "source") + " into the " + o.getOrDefault("to", "target")
                    + (o.containsKey("mapping") ? " through " + o.get("mapping") : "");
            case MIGRATE -> "apply the pending schema migrations to the " + o.get("on");
            case HEAL_DRIFT -> "repair the drift of the " + o.get("on") + (Boolean.TRUE.equals(o.get("destructive")) ? ", dropping what the migrations lack" : " (nothing dropped)");
            case DATA -> "run the pending data migrations on the " + o.get("on") + (o.containsKey("id") ? " (D" + o.get("id") + " only)" : "");
            case VALIDATE -> "check the " + o.getOrDefault("on", "target") + " against " + o.get("checks") + (o.containsKey("baseline") ? " and " + o.get("baseline") : "");
            case APPROVE -> "wait for the operator: " + o.get("message");
            case DOWNTIME -> o.get("mark").equals("begin") ? "downtime begins" : "downtime ends";
        };
    }

    private static List<String> keys(Map<String, Object> o) {
        return ((List<?>) o.get("keys")).stream().map(Object::toString).toList();
    }
}
