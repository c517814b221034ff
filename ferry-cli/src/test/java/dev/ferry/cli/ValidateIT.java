package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, must-show 6: Chinook on PostgreSQL with one orphaned invoice line (its foreign key
 * dropped first), one duplicate customer email and one NULL in a column the checks require but the
 * schema does not. {@code ferry validate} exits 1 with exactly those three failures in its JSON
 * report, and the HTML report, opened in headless Chromium, shows them in the rendered page; a
 * screenshot is kept as {@code target/validate-report.png}.
 */
class ValidateIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FAILING = List.of("every invoice line has its invoice", "one customer per email", "every customer has a country");
    private static final String CHECKS = """
            checks:
              - name: invoices kept
                rowCount: { table: invoice, equals: baseline }
              - name: customers
                rowCount: { table: public.customer, min: 50, max: 70 }
              - name: every invoice line has its invoice
                foreignKey: { table: invoice_line, column: invoice_id, references: invoice.invoice_id }
              - name: every invoice line has its track
                foreignKey: { table: invoice_line, column: track_id, references: track.track_id }
              - name: one customer per email
                unique: { table: customer, columns: [email] }
              - name: every customer has a country
                notNull: { table: customer, column: country }
              - notNull: { table: customer, columns: [first_name, last_name] }
              - columnExists: { table: customer, column: email }
              - columnAbsent: { table: customer, column: swift_bic_iban }
              - name: no invoice without lines
                sql: { query: "select i.invoice_id from invoice i where not exists (select 1 from invoice_line l where l.invoice_id = i.invoice_id)", expect: none }
              - name: invoices total
                sql: { query: "select count(*) from invoice where total > 0", expect: 412 }
              - name: invoices by country
                distribution: { table: invoice, expression: "billing_country", buckets: 8 }
              - sample: { table: customer, rows: 3 }
            """;

    @TempDir
    static Path dir;
    static String url;
    static CliRun run;

    @BeforeAll
    static void brokenChinook() throws IOException {
        String db = TestPostgres.createChinookDatabase("validate");
        TestPostgres.execute(db, "ALTER TABLE invoice_line DROP CONSTRAINT invoice_line_invoice_id_fkey;"
                + "INSERT INTO invoice_line (invoice_line_id, invoice_id, track_id, unit_price, quantity) VALUES (99999, 777777, 1, 0.99, 1);"
                + "UPDATE customer SET email = (SELECT email FROM customer WHERE customer_id = 1) WHERE customer_id = 2;"
                + "UPDATE customer SET country = NULL WHERE customer_id = 3");
        url = TestPostgres.url(db);
        Files.writeString(dir.resolve("checks.yaml"), CHECKS);
        Files.writeString(dir.resolve("manifest.json"), """
                {"ferryVersion": "0.1.0", "format": "native",
                 "tables": [{"schema": "public", "name": "invoice", "rows": 412, "checksum": "00ff", "sizeBytes": 65536},
                            {"schema": "public", "name": "customer", "rows": 59, "checksum": "0a0b"}]}
                """);
        run = CliRun.inProcess(dir, Map.of(), "validate", "--checks", "checks.yaml", "--baseline", "manifest.json", "--url", url);
    }

    @Test
    void exitsOneWithExactlyTheThreeFailuresInTheJsonReport() throws IOException {
        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        JsonNode report = JSON.readTree(only("json").toFile());
        List<String> failed = new ArrayList<>();
        report.get("checks").forEach(c -> {
            if (c.get("outcome").asText().equals("failed")) {
                failed.add(c.get("name").asText());
            }
        });
        assertThat(failed).as(run.all()).containsExactlyInAnyOrderElementsOf(FAILING);
        assertThat(report.get("failed").asInt()).isEqualTo(3);
        assertThat(report.get("passed").asInt()).isEqualTo(8);
        assertThat(report.get("reportOnly").asInt()).isEqualTo(2);
        assertThat(report.get("url").asText()).isEqualTo(url);

        JsonNode orphan = check(report, FAILING.get(0));
        assertThat(orphan.get("rowsFound").asLong()).isEqualTo(1);
        assertThat(orphan.get("columns").toString()).contains("invoice_line_id", "invoice_id");
        assertThat(orphan.get("rows").get(0).toString()).contains("\"99999\"", "\"777777\"");
        JsonNode duplicate = check(report, FAILING.get(1));
        assertThat(duplicate.get("rows").toString()).isEqualTo("[[\"luisg@embraer.com.br\",\"2\"]]");
        JsonNode missing = check(report, FAILING.get(2));
        assertThat(missing.get("rows")).hasSize(1);
        assertThat(missing.get("rows").get(0).get(0).asText()).isEqualTo("3");
        assertThat(missing.get("rows").get(0).get(7).isNull()).as("country is a JSON null").isTrue();

        assertThat(check(report, "invoices kept").get("summary").asText()).isEqualTo("412 rows, baseline 412");
        JsonNode distribution = check(report, "invoices by country");
        assertThat(distribution.get("buckets")).hasSize(9);
        assertThat(distribution.get("buckets").get(0).get("value").asText()).isEqualTo("USA");
        assertThat(distribution.get("buckets").get(0).get("count").asLong()).isEqualTo(91);
        assertThat(check(report, "sample of customer").get("rows")).hasSize(3);
    }

    @Test
    void theTerminalShowsTheTableAndTheReportFiles() {
        assertThat(run.out()).contains("every customer has a country", "failed", "1 row has NULL in country",
                "1 orphan: public.invoice_line.invoice_id → public.invoice.invoice_id not found", "3 checks failed, 8 passed, 2 report only",
                "reports/validate-");
        CliRun json = CliRun.inProcess(dir, Map.of(), "--json", "validate", "--checks", "checks.yaml", "--baseline", "manifest.json", "--url", url, "--report", "again");
        assertThat(json.exit()).isEqualTo(1);
        assertThat(json.out()).contains("\"failed\" : 3", "again/validate-");
    }

    @Test
    void theHtmlReportShowsTheThreeFailuresInHeadlessChromium() throws Exception {
        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        Path html = only("html");
        String dom = HeadlessChromium.dumpDom(dir, html.toUri().toString());
        assertThat(dom).contains("<h1>ferry validate</h1>", "3 checks failed");
        Matcher failed = Pattern.compile("data-check=\"([^\"]+)\" data-outcome=\"failed\"").matcher(dom);
        List<String> shown = new ArrayList<>();
        while (failed.find()) {
            shown.add(failed.group(1));
        }
        assertThat(shown).containsExactlyInAnyOrderElementsOf(FAILING);
        assertThat(dom).contains("<td>777777</td>", "<td>luisg@embraer.com.br</td>", "<td class=\"null\">NULL</td>", "class=\"bar\"");

        HeadlessChromium.screenshot(dir, html.toUri().toString(), Path.of(System.getProperty("user.dir"), "target", "validate-report.png"), "1280,2000");
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode c : report.get("checks")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check named " + name + " in " + report);
    }

    /** The one report of the first run with this extension. */
    private static Path only(String extension) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("reports"))) {
            List<Path> found = files.filter(f -> f.getFileName().toString().matches("validate-\\d{8}T\\d{9}Z\\." + extension)).toList();
            assertThat(found).hasSize(1);
            return found.get(0);
        }
    }
}
