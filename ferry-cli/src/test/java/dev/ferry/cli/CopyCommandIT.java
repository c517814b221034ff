package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import static dev.ferry.testkit.Sql.scalar;
import static org.assertj.core.api.Assertions.assertThat;

/** ferry copy as a user runs it: Chinook into an empty database, by URL and by environment, and a protected target. */
class CopyCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.inProcess(dir, Map.of(), args);
    }

    @Test
    void chinookIsCopiedIntoAnEmptyDatabaseAndSaysWhatItCopied() throws Exception {
        String source = TestPostgres.url(TestPostgres.createChinookDatabase("clicopy"));
        String target = TestPostgres.createDatabase("clicopyto");
        CliRun copy = run("copy", "--from", source, "--to", TestPostgres.url(target), "--verify");
        assertThat(copy.exit()).as(copy.all()).isZero();
        assertThat(copy.out()).contains("public.invoice_line", "2240", "Copied", "11 tables, 15607 rows", "read back, equal to the source's");
        try (Connection c = TestPostgres.connect(target); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM track")).isEqualTo(3503);
            assertThat(scalar(s, "SELECT COUNT(*) FROM information_schema.table_constraints WHERE constraint_type = 'FOREIGN KEY'")).isEqualTo(11);
        }

        CliRun again = run("copy", "--from", source, "--to", TestPostgres.url(target));
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("copy refused", "is not empty", "nothing was changed");
    }

    @Test
    void environmentsNameBothSidesAndAProtectedTargetNeedsYes() throws Exception {
        String source = TestPostgres.url(TestPostgres.createChinookDatabase("clicopyenv"));
        String target = TestPostgres.createDatabase("clicopyprod");
        Files.writeString(dir.resolve("ferry.yaml"), "environments:\n  old: { url: '" + source + "' }\n  prod: { url: '"
                + TestPostgres.url(target) + "', protected: true }\n");
        CliRun refused = run("copy", "--from", "old", "--to", "prod");
        assertThat(refused.exit()).as(refused.all()).isEqualTo(2);
        assertThat(refused.err()).contains("protected", "--yes");
        try (Connection c = TestPostgres.connect(target); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'")).isZero();
        }

        CliRun copy = run("--json", "--yes", "copy", "--from", "old", "--to", "prod", "--jobs", "1");
        assertThat(copy.exit()).as(copy.all()).isZero();
        JsonNode r = JSON.readTree(copy.out());
        assertThat(r.get("rows").asLong()).isEqualTo(15607);
        assertThat(r.get("tables")).hasSize(11);
        assertThat(r.get("verified").asText()).isEqualTo("counts");
        assertThat(r.get("to").asText()).doesNotContain("password");
    }

    @Test
    void sqliteIsCopiedIntoPostgresInSnakeCaseAndSaysItCountedBothSides() throws Exception {
        Path chinook = dev.ferry.testkit.Chinook.sqliteCopy(dir);
        String target = TestPostgres.createDatabase("clicopylite");
        CliRun copy = run("copy", "--from", "sqlite:" + chinook, "--to", TestPostgres.url(target), "--snake-case", "--verify");
        assertThat(copy.exit()).as(copy.all()).isZero();
        assertThat(copy.out()).contains("public.invoice_line", "2240", "11 tables, 15607 rows", "counted on both sides");
        try (Connection c = TestPostgres.connect(target); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM invoice_line WHERE unit_price > 0")).isEqualTo(2240);
        }

        CliRun json = run("--json", "copy", "--from", "sqlite:" + chinook, "--to", TestPostgres.url(TestPostgres.createDatabase("clicopylitejson")),
                "--verify");
        assertThat(json.exit()).as(json.all()).isZero();
        JsonNode r = JSON.readTree(json.out());
        assertThat(r.get("verified").asText()).isEqualTo("table-counts");
        assertThat(r.get("tables")).hasSize(11).anySatisfy(t -> {
            assertThat(t.get("table").asText()).isEqualTo("public.Genre"); // names kept without --snake-case
            assertThat(t.get("rows").asLong()).isEqualTo(25);
            assertThat(t.get("zeroDates").asLong()).isZero();
        });
    }
}
