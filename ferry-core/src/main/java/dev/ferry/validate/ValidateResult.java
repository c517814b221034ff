package dev.ferry.validate;

import java.time.Instant;
import java.util.List;

/**
 * What {@code ferry validate} found: one {@link CheckResult} per check of checks.yaml, in its order.
 *
 * @param url      the database, redacted
 * @param baseline the manifest compared against, or null
 * @param reports  the report files written for this run (set by whoever wrote them)
 */
public record ValidateResult(String url, String checksFile, String baseline, Instant startedAt, long elapsedMs,
                             int passed, int failed, int reportOnly, List<CheckResult> checks, List<String> reports) {

    public boolean anyFailed() {
        return failed > 0;
    }

    public ValidateResult withReports(List<String> files) {
        return new ValidateResult(url, checksFile, baseline, startedAt, elapsedMs, passed, failed, reportOnly, checks, List.copyOf(files));
    }
}
