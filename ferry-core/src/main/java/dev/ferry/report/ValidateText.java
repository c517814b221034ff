package dev.ferry.report;

import dev.ferry.validate.CheckResult;
import dev.ferry.validate.ValidateResult;

import java.util.List;

/** {@code ferry validate} for a terminal: a table of checks, then the failing rows of each failed check. */
public final class ValidateText {
    private static final int ROWS_SHOWN = 5;

    private ValidateText() {
    }

    public static String render(ValidateResult result, Ansi ansi) {
        StringBuilder sb = new StringBuilder();
        sb.append(ansi.bold("validate")).append(" · ").append(result.url()).append(" · ").append(result.checksFile());
        if (result.baseline() != null) {
            sb.append(" · baseline ").append(result.baseline());
        }
        sb.append("\n\n");
        TextTable table = new TextTable("line", "check", "kind", "result", "found").rightAlign(0);
        for (CheckResult c : result.checks()) {
            table.row(c.line(), c.name(), c.kind(), c.outcome(), c.summary());
        }
        sb.append(color(table.render(), ansi)).append('\n');
        for (CheckResult c : result.checks()) {
            if (!c.passed() && !c.rows().isEmpty()) {
                failingRows(sb, c);
            }
        }
        sb.append(result.failed() == 0 ? ansi.green("all checks passed") : ansi.red(result.failed() + (result.failed() == 1 ? " check failed" : " checks failed")))
                .append(", ").append(result.passed()).append(" passed");
        if (result.reportOnly() > 0) {
            sb.append(", ").append(result.reportOnly()).append(" report only");
        }
        sb.append(", in ").append(Formats.millis(result.elapsedMs())).append('\n');
        if (!result.reports().isEmpty()) {
            sb.append("report: ").append(String.join(" · ", result.reports())).append('\n');
        }
        return sb.toString();
    }

    private static void failingRows(StringBuilder sb, CheckResult c) {
        int shown = Math.min(ROWS_SHOWN, c.rows().size());
        sb.append(c.name()).append(" (line ").append(c.line()).append(")");
        if (shown < c.rowsFound()) {
            sb.append(", the first ").append(shown).append(" of ").append(Formats.count(c.rowsFound())).append(" (more in the report)");
        }
        sb.append(":\n");
        TextTable rows = new TextTable(c.columns().toArray(String[]::new));
        for (List<String> row : c.rows().subList(0, shown)) {
            rows.row(row.stream().map(v -> v == null ? "NULL" : v).toArray());
        }
        rows.render().lines().forEach(l -> sb.append("  ").append(l).append('\n'));
        sb.append('\n');
    }

    /** Colours the result words of the table, leaving its alignment as it is. */
    private static String color(String table, Ansi ansi) {
        if (!ansi.enabled()) {
            return table;
        }
        return table.replace("  failed  ", "  " + ansi.red("failed") + "  ").replace("  passed  ", "  " + ansi.green("passed") + "  ");
    }
}
