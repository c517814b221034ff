package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.Chinook;
import dev.ferry.testkit.TestMariaDb;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** ferry inspect lists the 11 Chinook tables with the same counts on SQLite, PostgreSQL and MariaDB. */
class InspectCommandIT {
    @TempDir
    Path dir;

    private static void assertChinookTable(String output) {
        assertThat(output).containsPattern("(?m)^\\S*\\s*[Tt]rack\\s+3,503\\s");
        assertThat(output).containsPattern("(?m)^\\S*\\s*(InvoiceLine|invoice_line)\\s+2,240\\s");
        assertThat(output).containsPattern("(?m)^\\S*\\s*[Cc]ustomer\\s+59\\s");
        assertThat(output).contains("11 tables, 15,607 rows");
    }

    private static Map<String, Long> jsonCounts(String json) throws Exception {
        JsonNode root = new ObjectMapper().readTree(json);
        Map<String, Long> counts = new HashMap<>();
        root.get("tables").forEach(t -> counts.put(t.get("name").asText(), t.get("rows").asLong()));
        return Chinook.folded(counts);
    }

    @Test
    void sqlite() throws Exception {
        String url = "sqlite:" + Chinook.sqliteCopy(dir);
        CliRun run = CliRun.inProcess(dir, Map.of(), "inspect", "--url", url);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("SQLite 3.");
        assertChinookTable(run.out());
        assertThat(jsonCounts(CliRun.inProcess(dir, Map.of(), "inspect", "--json", "--url", url).out())).isEqualTo(Chinook.COUNTS);
    }

    @Test
    void postgres() throws Exception {
        String url = TestPostgres.url(TestPostgres.createChinookDatabase("inspect_cli"));
        CliRun run = CliRun.inProcess(dir, Map.of("DATABASE_URL", url), "inspect");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("PostgreSQL 17.").contains("public");
        assertChinookTable(run.out());
        assertThat(jsonCounts(CliRun.inProcess(dir, Map.of(), "--json", "inspect", "--url", url).out())).isEqualTo(Chinook.COUNTS);
    }

    @Test
    void mariadb() throws Exception {
        String url = TestMariaDb.url(TestMariaDb.createChinookDatabase("inspect_cli"));
        CliRun run = CliRun.inProcess(dir, Map.of("FERRY_URL", url), "inspect");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("MariaDB ");
        assertChinookTable(run.out());
        assertThat(jsonCounts(CliRun.inProcess(dir, Map.of(), "inspect", "--url", url, "--json").out())).isEqualTo(Chinook.COUNTS);
    }

    @Test
    void embeddedPostgresStartsPersistsAndStops() {
        Path pg = dir.resolve("pg");
        String url = "embedded:postgres?dir=" + pg;
        CliRun run = CliRun.process(dir, Map.of(), "inspect", "--url", url);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("PostgreSQL 17.").contains("0 tables");
        assertThat(pg.resolve("PG_VERSION")).exists();
        assertThat(pg.resolve("postmaster.pid")).as("stopped on exit").doesNotExist();
        assertThat(CliRun.process(dir, Map.of(), "doctor", "--url", url).out()).contains("OK    connection  PostgreSQL 17.");
    }

    @Test
    void anEnvironmentFromFerryYamlIsUsedWithEnv() throws Exception {
        Path db = Chinook.sqliteCopy(dir);
        java.nio.file.Files.writeString(dir.resolve("ferry.yaml"), "environments:\n  local: { url: \"sqlite:${DB_FILE}\" }\n");
        java.nio.file.Files.writeString(dir.resolve(".env"), "DB_FILE=" + db + "\n");
        CliRun run = CliRun.inProcess(dir, Map.of(), "inspect", "--env", "local");
        assertThat(run.exit()).as(run.err()).isZero();
        assertChinookTable(run.out());
    }
}
