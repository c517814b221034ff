package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/checks.yaml, as shipped, on a bank-details table migrated on each database: the same
 * checks and the same SQL pass on PostgreSQL, MariaDB and SQLite, and a bad row fails exactly the
 * checks it breaks.
 */
class ExampleChecksIT {
    private static final Path EXAMPLE = Path.of(System.getProperty("user.dir")).getParent().resolve("examples/checks.yaml");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mariadb", "sqlite"})
    void theShippedExampleRunsOnEveryDatabase(String kind) throws Exception {
        CatalogueDatabase db = CatalogueDatabase.create(kind, dir, "example");
        db.run(List.of("create table properties (id int primary key, name varchar(50))",
                "create table property_bank_details (id int primary key, property_id int, account_holder varchar(50),"
                        + " iban_number varchar(40), swift_bic_number varchar(20))",
                "insert into properties values (1, 'Harbour View'), (2, 'Old Mill'), (3, 'Lakeside')",
                "insert into property_bank_details values (1, 1, 'A. Jansen', 'NL91ABNA0417164300', null),"
                        + " (2, 2, 'B. Keller', 'DE89370400440532013000', null), (3, 3, 'C. Moreau', null, 'BNPAFRPP')"));
        Files.writeString(dir.resolve("manifest.json"), "{\"tables\": [{\"schema\": null, \"name\": \"property_bank_details\", \"rows\": 3}]}");

        CliRun passing = validate(db);
        assertThat(passing.exit()).as(passing.all()).isZero();
        JsonNode passed = new ObjectMapper().readTree(passing.out());
        assertThat(List.of(passed.get("passed").asInt(), passed.get("failed").asInt(), passed.get("reportOnly").asInt())).isEqualTo(List.of(8, 0, 2));

        db.run(List.of("insert into property_bank_details values (4, 99, 'D. Nobody', null, null)"));
        CliRun failing = validate(db);
        assertThat(failing.exit()).as(failing.all()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(failing.out());
        List<String> failed = new ArrayList<>();
        report.get("checks").forEach(c -> {
            if (c.get("outcome").asText().equals("failed")) {
                failed.add(c.get("name").asText() + ": " + c.get("summary").asText());
            }
        });
        assertThat(failed).containsExactlyInAnyOrder("bank details kept: 4 rows, baseline 3: 1 more",
                "every row has an IBAN or a SWIFT/BIC: returned 1, expected 0",
                "every row belongs to a property: 1 orphan: " + table(kind, "property_bank_details") + ".property_id → " + table(kind, "properties") + ".id not found");
        JsonNode distribution = report.get("checks").get(8);
        assertThat(distribution.get("buckets").toString()).contains("{\"value\":\"IBAN\",\"count\":2,", "{\"value\":\"SWIFT\",\"count\":1,", "{\"value\":\"neither\",\"count\":1,");
    }

    private CliRun validate(CatalogueDatabase db) {
        return CliRun.inProcess(dir, Map.of(), "--json", "validate", "--checks", EXAMPLE.toString(), "--baseline", "manifest.json", "--url", db.url());
    }

    private static String table(String kind, String name) {
        return kind.equals("postgres") ? "public." + name : name;
    }
}
