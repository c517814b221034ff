package dev.ferry.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.ferry.validate.CheckResult;
import dev.ferry.validate.ValidateResult;

import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ferry validate} as one self-contained HTML page (inline CSS, no script, nothing fetched):
 * a row per check, its failing rows, and a bar chart per distribution. Rendered from the template
 * {@code validate.html.mustache}; Mustache escapes every value, so data from the database cannot
 * become markup.
 */
public final class ValidateHtml {
    private static final Mustache TEMPLATE = new DefaultMustacheFactory("dev/ferry/report").compile("validate.html.mustache");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private ValidateHtml() {
    }

    public static String render(ValidateResult result) {
        StringWriter out = new StringWriter();
        TEMPLATE.execute(out, view(result));
        return out.toString();
    }

    private static Map<String, Object> view(ValidateResult result) {
        Map<String, Object> view = new HashMap<>();
        view.put("url", result.url());
        view.put("checksFile", result.checksFile());
        view.put("baseline", result.baseline());
        view.put("startedAt", WHEN.format(result.startedAt()));
        view.put("elapsed", Formats.millis(result.elapsedMs()));
        view.put("verdictClass", result.anyFailed() ? "failed" : "passed");
        view.put("verdict", (result.anyFailed() ? result.failed() + (result.failed() == 1 ? " check failed" : " checks failed") : "all checks passed")
                + " · " + result.passed() + " passed" + (result.reportOnly() > 0 ? " · " + result.reportOnly() + " report only" : ""));
        view.put("checks", result.checks().stream().map(ValidateHtml::check).toList());
        return view;
    }

    private static Map<String, Object> check(CheckResult c) {
        Map<String, Object> view = new HashMap<>();
        view.put("name", c.name());
        view.put("kind", c.kind());
        view.put("line", c.line());
        view.put("outcome", c.outcome());
        view.put("summary", c.summary());
        view.put("query", c.query());
        view.put("hasRows", !c.rows().isEmpty());
        view.put("columns", c.columns());
        view.put("rows", c.rows().stream().map(ValidateHtml::row).toList());
        view.put("more", c.rowsFound() > c.rows().size() ? "the first " + c.rows().size() + " of " + Formats.count(c.rowsFound()) : null);
        view.put("hasBuckets", !c.buckets().isEmpty());
        long largest = c.buckets().stream().mapToLong(CheckResult.Bucket::count).max().orElse(1);
        List<CheckResult.Bucket> buckets = c.buckets();
        List<Map<String, Object>> bars = new ArrayList<>();
        for (CheckResult.Bucket b : buckets) {
            bars.add(Map.of("value", b.value(), "count", Formats.count(b.count()), "percent", String.format(Locale.ROOT, "%.1f", b.percent()),
                    "width", String.format(Locale.ROOT, "%.1f", largest == 0 ? 0 : b.count() * 100.0 / largest),
                    "others", b.others()));
        }
        view.put("buckets", bars);
        return view;
    }

    private static Map<String, Object> row(List<String> values) {
        List<Map<String, Object>> cells = new ArrayList<>();
        for (String v : values) {
            cells.add(v == null ? Map.of("isNull", true) : Map.of("isNull", false, "value", v));
        }
        return Map.of("cells", cells);
    }
}
