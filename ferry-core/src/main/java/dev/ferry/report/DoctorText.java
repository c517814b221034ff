package dev.ferry.report;

import dev.ferry.doctor.CheckStatus;
import dev.ferry.doctor.DoctorCheck;
import dev.ferry.doctor.DoctorResult;

/** {@code ferry doctor} for a terminal: a verdict per line (OK, INFO, WARN, FAIL), with the hint under it. */
public final class DoctorText {
    private DoctorText() {
    }

    public static String render(DoctorResult result, Ansi ansi) {
        int width = result.checks().stream().mapToInt(c -> c.name().length()).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        sb.append(ansi.bold("ferry doctor")).append("  ").append(result.url()).append('\n');
        for (DoctorCheck c : result.checks()) {
            sb.append("  ").append(status(c.status(), ansi)).append("  ")
                    .append(c.name()).append(" ".repeat(width - c.name().length())).append("  ").append(c.detail()).append('\n');
            if (c.hint() != null) {
                sb.append("  ").append(" ".repeat(4 + 2 + width + 2)).append(ansi.dim("hint: " + c.hint())).append('\n');
            }
        }
        long warnings = result.checks().stream().filter(c -> c.status() == CheckStatus.WARN).count();
        long failures = result.checks().stream().filter(c -> c.status() == CheckStatus.FAIL).count();
        sb.append(failures > 0 ? ansi.red(failures + " failed") : ansi.green("ready"))
                .append(warnings > 0 ? ", " + warnings + (warnings == 1 ? " warning" : " warnings") : "").append('\n');
        return sb.toString();
    }

    private static String status(CheckStatus status, Ansi ansi) {
        return switch (status) {
            case OK -> ansi.green("OK  ");
            case INFO -> "INFO";
            case WARN -> ansi.yellow("WARN");
            case FAIL -> ansi.red("FAIL");
        };
    }
}
