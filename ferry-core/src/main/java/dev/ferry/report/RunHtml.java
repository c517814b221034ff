package dev.ferry.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.ferry.cutover.RunResult;

import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code ferry run} as one self-contained HTML page (inline CSS, no script, nothing fetched): the
 * verdict and the measured downtime, a timeline bar per step (the rollback's after them) with the
 * downtime window shaded, every step's result and outputs, and the log. Mustache escapes every value.
 */
public final class RunHtml {
    private static final Mustache TEMPLATE = new DefaultMustacheFactory("dev/ferry/report").compile("run.html.mustache");

    private RunHtml() {
    }

    public static String render(RunResult r) {
        StringWriter out = new StringWriter();
        TEMPLATE.execute(out, view(r));
        return out.toString();
    }

    private static Map<String, Object> view(RunResult r) {
        List<RunResult.StepRecord> all = new ArrayList<>(r.steps());
        all.addAll(r.rollback());
        Instant first = all.stream().filter(s -> s.startedAt() != null).map(s -> Instant.parse(s.startedAt())).min(Instant::compareTo).orElse(null);
        Instant last = all.stream().filter(s -> s.endedAt() != null).map(s -> Instant.parse(s.endedAt())).max(Instant::compareTo).orElse(first);
        double span = first == null ? 1 : Math.max(1, last.toEpochMilli() - first.toEpochMilli());
        Map<String, Object> view = new HashMap<>();
        view.put("plan", r.plan());
        view.put("id", r.id());
        view.put("state", r.state());
        view.put("elapsed", Formats.millis(r.elapsedMs()));
        view.put("verdict", switch (r.state()) {
            case "completed" -> "completed";
            case "failed" -> "failed before the point of no return: nothing to roll back";
            case "rolled-back" -> "failed, and rolled back";
            case "rollback-incomplete" -> "failed, and the rollback is incomplete";
            default -> "interrupted: ferry run --resume goes on";
        });
        view.put("failure", r.failure());
        if (r.downtimeMs() != null) {
            view.put("downtime", Formats.millis(r.downtimeMs()));
            view.put("downtimeMs", r.downtimeMs());
        }
        List<Map<String, Object>> lanes = new ArrayList<>();
        r.steps().forEach(s -> lanes.add(lane(s, "steps", first, span)));
        r.rollback().forEach(s -> lanes.add(lane(s, "rollback", first, span)));
        view.put("lanes", lanes);
        view.put("window", window(r, first, span));
        view.put("steps", r.steps().stream().map(RunHtml::row).toList());
        view.put("rollback", r.rollback().stream().map(RunHtml::row).toList());
        view.put("hasRollback", !r.rollback().isEmpty());
        view.put("log", r.log());
        return view;
    }

    private static Map<String, Object> lane(RunResult.StepRecord s, String phase, Instant first, double span) {
        Map<String, Object> lane = row(s);
        lane.put("phase", phase);
        if (s.startedAt() != null && first != null) {
            long from = Instant.parse(s.startedAt()).toEpochMilli() - first.toEpochMilli();
            long to = s.endedAt() == null ? from : Instant.parse(s.endedAt()).toEpochMilli() - first.toEpochMilli();
            lane.put("bar", Map.of("state", s.state(), "left", percent(from / span), "width", percent((to - from) / span)));
        }
        return lane;
    }

    /** The downtime's place on the timeline: from the begin marker's end to the end marker's. */
    private static Map<String, Object> window(RunResult r, Instant first, double span) {
        if (r.downtimeMs() == null || first == null) {
            return null;
        }
        for (RunResult.StepRecord s : r.steps()) {
            if (s.kind().equals("downtime") && s.endedAt() != null && "begins".equals(markOf(s))) {
                long from = Instant.parse(s.endedAt()).toEpochMilli() - first.toEpochMilli();
                return Map.of("left", percent(from / span), "width", percent(Math.min(r.downtimeMs(), span - from) / span));
            }
        }
        return null;
    }

    private static String markOf(RunResult.StepRecord s) {
        return s.summary() != null && s.summary().endsWith("begins") ? "begins" : "ends";
    }

    private static Map<String, Object> row(RunResult.StepRecord s) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", s.id());
        row.put("kind", s.kind());
        row.put("state", s.state());
        row.put("took", s.ms() == null ? "" : Formats.millis(s.ms()));
        row.put("detail", s.error() != null ? s.error() : s.summary() == null ? "" : s.summary());
        row.put("outputs", s.outputs().isEmpty() ? "" : s.outputs().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" ")));
        return row;
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f", Math.max(0, Math.min(1, fraction)) * 100);
    }
}
