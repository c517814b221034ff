package dev.ferry.validate;

import java.util.List;

/**
 * What one check found.
 *
 * @param outcome   {@code passed}, {@code failed}, or {@code report} for distribution and sample (they only show data)
 * @param summary   one line: what was found against what was expected
 * @param query     the SQL that was run (the last one, for checks that run two), or null
 * @param columns   the column names of {@code rows}
 * @param rows      failing rows (orphans, duplicate keys with their count, rows with a NULL), or the sample;
 *                  at most {@link ValidateRun#ROW_LIMIT}; a NULL value is a null element
 * @param rowsFound how many rows failed in all (or the sample's size), which may be more than {@code rows} holds
 * @param buckets   a distribution's counts, largest first
 */
public record CheckResult(String name, String kind, int line, String outcome, String summary, String query,
                          List<String> columns, List<List<String>> rows, long rowsFound, List<Bucket> buckets, long elapsedMs) {

    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String REPORT = "report";

    public boolean passed() {
        return !FAILED.equals(outcome);
    }

    /**
     * One value of a distribution and its rows; {@code percent} of all rows counted. {@code others}: the
     * last bucket, summing the values past those shown.
     */
    public record Bucket(String value, long count, double percent, boolean others) {
    }
}
