package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, must-show 2: a data migration started over HTTP runs as a job to COMPLETED, followed by its
 * server-sent events; a second start while it runs gets 409 naming it; a server killed mid-job leaves
 * the migration where its last batch committed, and a new server goes on from there, nothing done
 * twice. Also deploy, which fails when a step fails, and the audit of who ran what.
 */
class ServeJobsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN_KEY = ServeAuthIT.RUN_KEY;
    private static final String READ_KEY = ServeAuthIT.READ_KEY;
    private static final int ROWS = SlowClassification.ROWS;

    @TempDir
    Path dir;
    private String db;
    private String url;

    @BeforeEach
    void accounts() throws Exception {
        db = TestPostgres.createDatabase("servejobs");
        url = TestPostgres.url(db);
        TestPostgres.execute(db, SlowClassification.ACCOUNTS);
        Files.createDirectories(dir.resolve("migrations/data"));
        Files.writeString(dir.resolve("migrations/V1__audit.sql"), "CREATE TABLE audit (note text);\n");
        Files.writeString(dir.resolve("migrations/data/D1__classify_accounts.sql"), SlowClassification.MIGRATION);
    }

    @Test
    void aDataMigrationStartedOverHttpRunsToCompletedAndASecondStartGets409() throws Exception {
        try (ServeProcess serve = ServeProcess.start(dir, ServeAuthIT.KEYS, "--url", url)) {
            HttpResponse<String> started = serve.send("POST", "/api/data/1/run", RUN_KEY);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            JsonNode job = JSON.readTree(started.body());
            String id = job.path("id").asText();
            assertThat(job.path("state").asText()).isEqualTo("running");
            assertThat(job.path("key").asText()).isEqualTo("ops");
            assertThat(started.headers().firstValue("Location")).hasValue("/api/jobs/" + id);

            HttpResponse<String> second = serve.send("POST", "/api/data/run", RUN_KEY);
            assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
            assertThat(JSON.readTree(second.body()).path("job").asText()).isEqualTo(id);
            assertThat(JSON.readTree(second.body()).path("error").asText()).contains("job " + id, "data run D1", "one job runs at a time");
            assertThat(serve.send("POST", "/api/migrations/migrate", RUN_KEY).statusCode()).as("any job, not only the same").isEqualTo(409);

            List<String> events = serve.events(id, READ_KEY);
            assertThat(events).anyMatch(e -> e.startsWith("progress ") && e.contains("\"what\":\"D1 classify accounts\""));
            assertThat(events.get(events.size() - 1)).startsWith("end ").contains("\"state\":\"completed\"");

            JsonNode ended = JSON.readTree(serve.get("/api/jobs/" + id, READ_KEY).body());
            assertThat(ended.path("state").asText()).isEqualTo("completed");
            assertThat(ended.path("progress").path("percent").asInt()).isEqualTo(100);
            JsonNode d1 = ended.path("result").path("migrations").get(0);
            assertThat(d1.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(d1.path("migrated").asLong()).isEqualTo(ROWS * 3 / 4);
            assertThat(d1.path("skipped").asLong()).isEqualTo(ROWS / 4);
            assertThat(ended.path("log").toString()).contains("D1", "completed");

            CliRun list = CliRun.process(dir, Map.of(), "data", "list", "--url", url, "--json");
            assertThat(withoutElapsed(JSON.readTree(serve.get("/api/data", READ_KEY).body()))).as("one model, two front doors")
                    .isEqualTo(withoutElapsed(JSON.readTree(list.out())));
            assertThat(JSON.readTree(serve.get("/api/jobs", READ_KEY).body()).path("jobs").get(0).path("id").asText()).isEqualTo(id);
            serve.stop();
            String audit = Files.readString(dir.resolve("reports/serve-audit.jsonl"));
            assertThat(audit).contains("\"event\":\"started\"", "\"event\":\"ended\"", "\"what\":\"data run D1\"", "\"key\":\"ops\"",
                    "\"state\":\"completed\"").doesNotContain(RUN_KEY).doesNotContain(READ_KEY);
            assertThat(serve.err()).contains("job " + id + " started: data run D1 by key ops", "job " + id + " completed")
                    .doesNotContain(RUN_KEY);
        }
        assertThat(touchedOtherThanOnce()).as("rows migrated other than once").isZero();
    }

    @Test
    void aServerKilledMidJobLeavesTheMigrationToResumeFromItsCheckpoint() throws Exception {
        long doneBeforeKill;
        try (ServeProcess serve = ServeProcess.start(dir, ServeAuthIT.KEYS, "--url", url)) {
            assertThat(serve.send("POST", "/api/data/run", RUN_KEY).statusCode()).isEqualTo(202);
            doneBeforeKill = awaitProcessed(serve, 3_000);
            serve.kill();
        }
        long committed = scalar("SELECT processed FROM ferry_data_history WHERE id = '1'");
        assertThat(committed).as("batches committed before the kill").isBetween(doneBeforeKill, (long) ROWS - 1);
        assertThat(scalar("SELECT count(*) FROM accounts WHERE touched = 1")).as("the rows of the committed batches, no others").isEqualTo(committed);

        try (ServeProcess again = ServeProcess.start(dir, ServeAuthIT.KEYS, "--url", url)) {
            JsonNode before = JSON.readTree(again.get("/api/data", READ_KEY).body()).path("migrations").get(0);
            assertThat(before.path("status").asText()).isEqualTo("RUNNING");
            assertThat(before.path("processed").asLong()).isEqualTo(committed);

            HttpResponse<String> resumed = again.send("POST", "/api/data/run?wait=true", RUN_KEY);
            assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
            JsonNode job = JSON.readTree(resumed.body());
            assertThat(job.path("state").asText()).isEqualTo("completed");
            assertThat(job.path("log").toString()).contains("taken over after key");
            assertThat(job.path("result").path("migrations").get(0).path("status").asText()).isEqualTo("COMPLETED");
        }
        assertThat(touchedOtherThanOnce()).as("rows migrated other than once").isZero();
        assertThat(scalar("SELECT processed FROM ferry_data_history WHERE id = '1'")).isEqualTo(ROWS);
    }

    @Test
    void deployAppliesSchemaThenDataAndFailsTheDeploymentWhenAStepFails() throws Exception {
        TestPostgres.execute(db, "DROP TABLE accounts"); // a new database, which the schema migrations make
        Files.delete(dir.resolve("migrations/data/D1__classify_accounts.sql"));
        Files.writeString(dir.resolve("migrations/data/D2__note.sql"), "INSERT INTO audit_typo VALUES ('deployed');\n");
        try (ServeProcess serve = ServeProcess.start(dir, ServeAuthIT.KEYS, "--url", url)) {
            HttpResponse<String> failed = serve.send("POST", "/api/deploy?wait=true", RUN_KEY);
            assertThat(failed.statusCode()).as(failed.body()).isEqualTo(422);
            JsonNode job = JSON.readTree(failed.body());
            assertThat(job.path("state").asText()).isEqualTo("failed");
            assertThat(job.path("error").path("message").asText()).contains("the schema migrations were applied, then the data migrations failed",
                    "audit_typo");
            assertThat(job.path("error").path("exit").asInt()).isEqualTo(4);
            assertThat(JSON.readTree(serve.get("/api/migrations", READ_KEY).body()).toString()).contains("\"APPLIED\"");

            Files.writeString(dir.resolve("migrations/data/D2__note.sql"), "INSERT INTO audit VALUES ('deployed');\n");
            HttpResponse<String> deployed = serve.send("POST", "/api/deploy?wait=true", RUN_KEY);
            assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
            JsonNode result = JSON.readTree(deployed.body()).path("result");
            assertThat(result.path("migrate").path("schemaVersion").asText()).isEqualTo("1");
            assertThat(result.path("data").path("migrations").toString()).contains("\"id\":\"2\"", "COMPLETED");
            assertThat(JSON.readTree(deployed.body()).path("log").toString()).contains("schema migrations:", "data migrations:", "D2");

            HttpResponse<String> dry = serve.send("POST", "/api/migrations/migrate?dryRun=true&wait=true", RUN_KEY);
            assertThat(JSON.readTree(dry.body()).path("result").path("mode").asText()).isEqualTo("dry-run");
            assertThat(serve.send("POST", "/api/migrations/migrate?dryRun=maybe", RUN_KEY).statusCode()).isEqualTo(400);
        }
        assertThat(scalar("SELECT count(*) FROM audit WHERE note = 'deployed'")).isEqualTo(1);
    }

    @Test
    void skipAndResetAnswerTheCliValuesAndABackupIsVerifiedAsAJob() throws Exception {
        CliRun backup = CliRun.process(dir, Map.of(), "backup", "--url", url, "--out", "backups");
        assertThat(backup.exit()).as(backup.all()).isZero();
        try (ServeProcess serve = ServeProcess.start(dir, ServeAuthIT.KEYS, "--url", url)) {
            HttpResponse<String> skipped = serve.send("POST", "/api/data/1/skip", RUN_KEY);
            assertThat(skipped.statusCode()).as(skipped.body()).isEqualTo(200);
            assertThat(JSON.readTree(skipped.body())).isEqualTo(JSON.readTree("{\"skipped\":\"1\"}"));
            HttpResponse<String> reset = serve.send("POST", "/api/data/1/reset", RUN_KEY);
            assertThat(JSON.readTree(reset.body()).path("cleared").path("status").asText()).isEqualTo("SKIPPED");
            assertThat(serve.send("POST", "/api/data/9/skip", RUN_KEY).statusCode()).as("no D9").isEqualTo(400);

            CliRun list = CliRun.process(dir, Map.of(), "backup", "list", "--json");
            JsonNode backups = JSON.readTree(serve.get("/api/backups", READ_KEY).body());
            assertThat(backups).isEqualTo(JSON.readTree(list.out()));
            String name = backups.get(0).path("name").asText();
            HttpResponse<String> verified = serve.send("POST", "/api/backups/" + name + "/verify?wait=true", RUN_KEY);
            assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
            JsonNode verify = JSON.readTree(verified.body());
            assertThat(verify.path("result").path("problem").isNull()).as(verified.body()).isTrue();
            assertThat(verify.path("result").path("tables").get(0).path("restoredRows").asLong()).isEqualTo(ROWS);
            assertThat(verify.path("log").toString()).contains("Verified: ");
            assertThat(serve.send("POST", "/api/backups/..%2Fetc/verify", RUN_KEY).statusCode()).isIn(400, 404);
        }
    }

    /** Waits until the history shows at least {@code rows} processed: batches have committed, more are to come. */
    private long awaitProcessed(ServeProcess serve, long rows) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode d1 = JSON.readTree(serve.get("/api/data", READ_KEY).body()).path("migrations").get(0);
            if (d1.path("processed").asLong() >= rows) {
                return d1.path("processed").asLong();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("D1 did not reach " + rows + " rows in 60 s: " + serve.err());
    }

    private long touchedOtherThanOnce() throws Exception {
        return scalar("SELECT count(*) FROM accounts WHERE touched > 1 OR (touched = 0 AND kind IS NOT NULL)");
    }

    private long scalar(String sql) throws Exception {
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            return dev.ferry.testkit.Sql.scalar(s, sql);
        }
    }

    private static JsonNode withoutElapsed(JsonNode node) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) node).remove("elapsedMs");
        return node;
    }
}
