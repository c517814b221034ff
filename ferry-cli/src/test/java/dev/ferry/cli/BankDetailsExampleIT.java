package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.Sql;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.ferry.testkit.Sql.scalar;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/bank-details as its README tells it, on a fresh database: V1, the generator, V2, the data
 * migration with the README's --max-errors, V3, and the example's checks.yaml. The counts of IBANs,
 * SWIFT/BICs, empty values and errors are read from the README and checked against what Ferry prints,
 * what the outcome log holds and what the columns hold, so that the example and its page cannot drift.
 */
class BankDetailsExampleIT {
    private static final Path EXAMPLE = Path.of(System.getProperty("user.dir")).getParent().resolve("examples/bank-details");
    private static final String GENERATED = "## What the generator makes";
    private static final String ERRORS = "### The errors";
    /** psql's {@code :rows} in generate.sql, not a cast's {@code ::}. */
    private static final Pattern ROWS_VARIABLE = Pattern.compile("(?<!:):rows\\b");

    @TempDir
    Path dir;
    private String readmeText;
    private MarkdownTables readme;
    private String db;

    @BeforeEach
    void legacyTableFilledByTheGenerator() throws Exception {
        readmeText = Files.readString(EXAMPLE.resolve("README.md"));
        readme = new MarkdownTables(readmeText);
        db = TestPostgres.createDatabase("bank_details");
        migrate("--target", "1");
        String script = ROWS_VARIABLE.matcher(Files.readString(EXAMPLE.resolve("generate.sql"))).replaceAll(Long.toString(rows()));
        try (Connection c = TestPostgres.connect(db)) {
            Sql.runScript(c, script, false);
        }
    }

    @Test
    void theDataMigrationCountsWhatTheGeneratorMadeAndV3AndTheChecksFollow() throws Exception {
        Map<String, Long> made = readme.counts(GENERATED);
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts")).isEqualTo(rows());
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE btrim(coalesce(swift_bic_iban, '')) = ''")).as("NULL, empty or spaces")
                    .isEqualTo(made.get("neither"));
        }
        migrate("--target", "2");
        List<Long> expected = List.of(rows(), made.get("IBAN") + made.get("SWIFT/BIC"), made.get("neither"), made.get("errors"));

        JsonNode dry = dataRun("--dry-run");
        assertThat(counts(dry)).as("the dry run's processed, migrated, skipped, errors").isEqualTo(expected);
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE iban_number IS NOT NULL OR swift_bic_number IS NOT NULL")).as("dry: nothing written")
                    .isZero();
        }

        JsonNode d1 = dataRun();
        assertThat(d1.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(counts(d1)).as("processed, migrated (IBAN + SWIFT/BIC), skipped (neither), errors").isEqualTo(expected);
        assertThat(d1.get("detail").asText()).as("D1's verify").contains("found nothing wrong");
        JsonNode reasons = d1.get("reasons");
        assertThat(reasons.get("migrated").get("IBAN").asLong()).as("IBANs, as Ferry counts them").isEqualTo(made.get("IBAN"));
        assertThat(reasons.get("migrated").get("SWIFT/BIC").asLong()).as("SWIFT/BICs, as Ferry counts them").isEqualTo(made.get("SWIFT/BIC"));
        assertThat(reasons.get("skipped").get("empty").asLong()).as("neither").isEqualTo(made.get("neither"));
        long errors = 0;
        for (JsonNode n : reasons.get("error")) {
            errors += n.asLong();
        }
        assertThat(errors).as("errors, by reason").isEqualTo(made.get("errors"));
        theColumnsHoldWhatTheGeneratorPlanned(made);
        theVerifyFindsAnAccountWrittenAfterItsBatch();
        theLogHasALinePerAccountWithTheReadmesReasons(made);

        CliRun status = ferry("data", "status", "--dir", EXAMPLE.resolve("migrations/data").toString(), "--url", TestPostgres.url(db));
        assertThat(status.out()).as("the counts kept in ferry_data_history").contains("completed", Long.toString(rows()),
                Long.toString(made.get("IBAN") + made.get("SWIFT/BIC")), Long.toString(made.get("neither")), Long.toString(made.get("errors")));

        migrate();
        CliRun validate = ferry("--json", "validate", "--checks", EXAMPLE.resolve("checks.yaml").toString(), "--url", TestPostgres.url(db));
        assertThat(validate.exit()).as(validate.all()).isZero();
        JsonNode checks = new ObjectMapper().readTree(validate.out());
        assertThat(checks.get("failed").asInt()).isZero();
        assertThat(checks.get("passed").asInt()).isPositive();
        assertThat(checks.toString()).as("the distribution the README states").contains("{\"value\":\"IBAN\",\"count\":" + made.get("IBAN") + ",",
                "{\"value\":\"SWIFT/BIC\",\"count\":" + made.get("SWIFT/BIC") + ",",
                "{\"value\":\"neither\",\"count\":" + (made.get("neither") + made.get("errors")) + ",");
    }

    /** The README's Node form of D1: the same counts, per reason, as the generator made. */
    @Test
    void theSameTransformInNodeCountsWhatTheGeneratorMade() throws Exception {
        NodeExample.installedIn(dir.resolve("examples/node-data-migration"));
        Map<String, Long> made = readme.counts(GENERATED);
        migrate("--target", "2");
        Matcher m = Pattern.compile("bin/ferry data run --url \\$url --dir (examples/bank-details/node) --max-errors (\\d+)").matcher(readmeText);
        assertThat(m.find()).as("the README runs the Node form").isTrue();
        CliRun run = ferry("--json", "data", "run", "--dir", EXAMPLE.resolve("node").toString(), "--max-errors", m.group(2), "--url", TestPostgres.url(db));
        assertThat(run.exit()).as(run.all()).isZero();
        JsonNode d1 = new ObjectMapper().readTree(run.out()).get("migrations").get(0);
        assertThat(d1.get("kind").asText()).isEqualTo("command");
        assertThat(counts(d1)).isEqualTo(List.of(rows(), made.get("IBAN") + made.get("SWIFT/BIC"), made.get("neither"), made.get("errors")));
        assertThat(d1.get("reasons").get("migrated").get("IBAN").asLong()).isEqualTo(made.get("IBAN"));
        assertThat(d1.get("reasons").get("migrated").get("SWIFT/BIC").asLong()).isEqualTo(made.get("SWIFT/BIC"));
        theColumnsHoldWhatTheGeneratorPlanned(made);
    }

    @Test
    void v3RefusesToDropTheLegacyColumnBeforeTheDataMigrationHasCompleted() throws Exception {
        CliRun early = ferry("migrate", "--dir", EXAMPLE.resolve("migrations").toString(), "--url", TestPostgres.url(db));
        assertThat(early.exit()).as(early.all()).isEqualTo(4);
        assertThat(early.err()).contains("swift_bic_iban is not dropped", "D1 (split bank details) has not run", "ferry data run");
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'swift_bic_iban'"))
                    .as("the legacy column still there").isEqualTo(1);
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE swift_bic_iban IS NOT NULL")).isPositive();
        }
    }

    /**
     * Row by row, not only in sum: the accounts generate.sql gave an IBAN ({@code id % 50} 0–24) hold one,
     * those it gave a SWIFT/BIC (25–38) hold that, both in electronic form, and no other account holds either.
     */
    private void theColumnsHoldWhatTheGeneratorPlanned(Map<String, Long> made) throws Exception {
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE iban_number IS NOT NULL")).isEqualTo(made.get("IBAN"));
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE swift_bic_number IS NOT NULL")).isEqualTo(made.get("SWIFT/BIC"));
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE (id % 50 <= 24) <> (iban_number IS NOT NULL)"
                    + " OR (id % 50 BETWEEN 25 AND 38) <> (swift_bic_number IS NOT NULL)")).isZero();
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE coalesce(iban_number, swift_bic_number)"
                    + " <> upper(regexp_replace(swift_bic_iban, '\\s', '', 'g'))")).as("spaces out, upper case").isZero();
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE NOT iban_is_valid(iban_number)")).isZero();
        }
    }

    /** An account the application adds once D1 has passed its range is what D1's verify is there to find; junk it leaves alone. */
    private void theVerifyFindsAnAccountWrittenAfterItsBatch() throws Exception {
        String verify = Files.readString(EXAMPLE.resolve("migrations/data/D1__split_bank_details.verify.sql"));
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO accounts (id, holder_name, opened_on, swift_bic_iban) VALUES (" + (rows() + 1) + ", 'Late', current_date, 'gb82 west 1234 5698 7654 32'),"
                    + " (" + (rows() + 2) + ", 'Later', current_date, 'n/a')");
            List<Long> wrong = new ArrayList<>();
            try (var r = s.executeQuery(verify)) {
                while (r.next()) {
                    wrong.add(r.getLong(1));
                }
            }
            c.rollback();
            assertThat(wrong).containsExactly(rows() + 1);
        }
    }

    /** reports/data/D1.jsonl: one line per account, none twice, the errors with the README's reasons on the accounts the generator spoiled. */
    private void theLogHasALinePerAccountWithTheReadmesReasons(Map<String, Long> made) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, Long> outcomes = new TreeMap<>();
        Map<String, Long> reasons = new TreeMap<>();
        java.util.Set<Long> keys = new java.util.HashSet<>();
        List<String> misplaced = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("reports/data/D1.jsonl"))) {
            JsonNode record = json.readTree(line);
            long key = record.get("key").asLong();
            assertThat(keys.add(key)).as("account " + key + " logged once").isTrue();
            String outcome = record.get("outcome").asText();
            outcomes.merge(outcome, 1L, Long::sum);
            if (outcome.equals("error")) {
                String reason = record.get("reason").asText();
                reasons.merge(reason, 1L, Long::sum);
                boolean typo = key % 50 == 49;
                if (typo != reason.contains("mod-97") || key % 50 < 47) {
                    misplaced.add(key + ": " + reason);
                }
            }
        }
        assertThat(keys).hasSize((int) rows());
        assertThat(outcomes).isEqualTo(Map.of("migrated", made.get("IBAN") + made.get("SWIFT/BIC"), "skipped", made.get("neither"),
                "error", made.get("errors")));
        assertThat(reasons).isEqualTo(readme.counts(ERRORS));
        assertThat(misplaced).as("an error on an account the generator gave a good value or the other kind of bad one").isEmpty();
    }

    /** ferry data run as the README runs it (with its --max-errors); D1's result. */
    private JsonNode dataRun(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--json", "data", "run", "--dir", EXAMPLE.resolve("migrations/data").toString(),
                "--max-errors", readmeMaxErrors(), "--url", TestPostgres.url(db)));
        args.addAll(List.of(more));
        CliRun run = ferry(args.toArray(String[]::new));
        assertThat(run.exit()).as(run.all()).isZero();
        return new ObjectMapper().readTree(run.out()).get("migrations").get(0);
    }

    private static List<Long> counts(JsonNode migration) {
        return List.of(migration.get("processed").asLong(), migration.get("migrated").asLong(), migration.get("skipped").asLong(),
                migration.get("errors").asLong());
    }

    /** The accounts the README's counts add up to: what the generator is asked for. */
    private long rows() {
        return readme.counts(GENERATED).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The --max-errors of the README's ferry data run. */
    private String readmeMaxErrors() {
        Matcher m = Pattern.compile("bin/ferry data run .*--max-errors (\\d+)").matcher(readmeText);
        assertThat(m.find()).as("the README runs ferry data run --max-errors N").isTrue();
        return m.group(1);
    }

    private void migrate(String... more) {
        List<String> args = new ArrayList<>(List.of("migrate", "--dir", EXAMPLE.resolve("migrations").toString(), "--url", TestPostgres.url(db)));
        args.addAll(List.of(more));
        CliRun migrate = ferry(args.toArray(String[]::new));
        assertThat(migrate.exit()).as(migrate.all()).isZero();
    }

    private CliRun ferry(String... args) {
        return CliRun.inProcess(dir, Map.of(), args);
    }
}
