package dev.ferry.report;

import dev.ferry.validate.CheckResult;
import dev.ferry.validate.ValidateResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ValidateHtmlTest {

    private static ValidateResult result(CheckResult... checks) {
        return new ValidateResult("postgres://app:***@db/shop", "checks.yaml", null, Instant.parse("2026-01-02T03:04:05Z"), 12,
                0, 1, 1, List.of(checks), List.of());
    }

    @Test
    void valuesFromTheDatabaseAreEscapedNotMarkup() {
        CheckResult failed = new CheckResult("names <b>set</b>", "notNull", 3, CheckResult.FAILED, "1 row has NULL in name", "select 1",
                List.of("id", "note"), List.of(Arrays.asList("1", "<script>alert('x')</script>"), Arrays.asList("2", null)), 2, List.of(), 1);
        String html = ValidateHtml.render(result(failed));
        assertThat(html).doesNotContain("<script>", "<b>set</b>")
                .contains("&lt;script&gt;", "data-check=\"names &lt;b&gt;set&lt;/b&gt;\" data-outcome=\"failed\"", "<td class=\"null\">NULL</td>",
                        "1 check failed");
        assertThat(html).as("self-contained: nothing fetched").doesNotContain("<link", "src=", "http://", "https://");
    }

    @Test
    void aDistributionIsABarChartScaledToItsLargestValue() {
        CheckResult distribution = new CheckResult("IBAN or SWIFT", "distribution", 7, CheckResult.REPORT, "2 values over 4 rows", null,
                List.of(), List.of(), 4, List.of(new CheckResult.Bucket("IBAN", 3, 75.0, false), new CheckResult.Bucket("SWIFT", 1, 25.0, false)), 1);
        String html = ValidateHtml.render(result(distribution));
        assertThat(html).contains("width:100.0%", "width:33.3%", "3 (75.0%)", "1 (25.0%)", ">IBAN<", ">SWIFT<");
    }
}
