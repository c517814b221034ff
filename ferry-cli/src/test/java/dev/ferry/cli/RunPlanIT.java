package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.fault.FaultPoints;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: {@code ferry run} on real PostgreSQL. A plan whose validate step fails on purpose rolls
 * back: the target's content checksum equals the one taken before the run, exit 4, and the report
 * says what failed and what was rolled back (must-show 2). A run killed at each step boundary, then
 * {@code --resume}d, ends with the target of a run never interrupted (must-show 3, without the copy).
 */
class RunPlanIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STEPS = """
            steps:
              - { id: backup_target, backup: target }
              - { downtime: begin }
              - { id: migrate, migrate: target }
              - { id: data, data: target }
              - { id: validate, validate: { checks: checks.yaml } }
              - { downtime: end }
            rollback:
              - { id: restore_target, restore: { from: "${steps.backup_target.dir}", to: target, clean: true } }
            """;

    @TempDir
    Path dir;
    private String target;

    @BeforeEach
    void workspace() throws Exception {
        String source = TestPostgres.createDatabase("plansrc");
        target = TestPostgres.createDatabase("plantgt");
        TestPostgres.execute(target, "CREATE TABLE customers (id int PRIMARY KEY, email text, tier text);"
                + " INSERT INTO customers SELECT g, 'c' || g || '@example.com', NULL FROM generate_series(1, 2000) g");
        Files.createDirectories(dir.resolve("migrations/data"));
        // the target predates Ferry: V1 is its baseline, V2 the change this night brings
        Files.writeString(dir.resolve("migrations/V1__customers.sql"), "CREATE TABLE customers (id int PRIMARY KEY, email text, tier text);\n");
        Files.writeString(dir.resolve("migrations/V2__orders.sql"), "CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers);\n"
                + "ALTER TABLE customers ADD COLUMN vip boolean NOT NULL DEFAULT false;\n");
        Files.writeString(dir.resolve("migrations/data/D1__tiers.sql"), "UPDATE customers SET tier = CASE WHEN id % 10 = 0 THEN 'gold' ELSE 'basic' END;\n");
        assertThat(CliRun.process(dir, Map.of(), "baseline", "--version", "1", "--url", TestPostgres.url(target)).exit()).isZero();
        Files.writeString(dir.resolve("PLAN.yaml"), "source: { url: \"" + TestPostgres.url(source) + "\" }\ntarget: { url: \"" + TestPostgres.url(target)
                + "\" }\n" + STEPS);
    }

    private void checks(long gold) throws Exception {
        Files.writeString(dir.resolve("checks.yaml"), "checks:\n  - name: gold customers\n    sql: { query: \"select count(*) from customers where tier = 'gold'\", expect: "
                + gold + " }\n");
    }

    @Test
    void aValidateStepThatFailsRollsTheTargetBackToItsContentBeforeTheRun() throws Exception {
        checks(999); // 200 are gold: this validation fails on purpose
        String before = content();

        CliRun run = CliRun.process(dir, Map.of(), "run", "PLAN.yaml");

        assertThat(run.exit()).as(run.all()).isEqualTo(4);
        assertThat(run.out()).contains("validate", "FAILED", "Failed and rolled back", "validation of target failed: 1 of 1 checks",
                "restore_target", "Downtime: ");
        assertThat(content()).as("the target as before the run").isEqualTo(before);
        JsonNode report = onlyReport();
        assertThat(report.path("state").asText()).isEqualTo("rolled-back");
        assertThat(stateOf(report.path("steps"), "validate")).isEqualTo("failed");
        assertThat(stateOf(report.path("steps"), "migrate")).isEqualTo("completed");
        assertThat(stateOf(report.path("rollback"), "restore_target")).isEqualTo("completed");
        assertThat(report.path("downtimeMs").asLong()).isPositive();
        assertThat(report.path("failure").asText()).contains("step validate failed");

        Path html = dir.resolve("reports").resolve("run-" + report.path("id").asText() + ".html");
        assertThat(run.out()).contains("Report: " + html);
        String dom = HeadlessChromium.dumpDom(dir, html.toUri().toString());
        assertThat(dom).contains("data-state=\"rolled-back\"", "failed, and rolled back", "id=\"downtime\"", "step validate failed",
                "data-step=\"validate\" data-phase=\"steps\" data-state=\"failed\"", "data-step=\"restore_target\" data-phase=\"rollback\" data-state=\"completed\"",
                "class=\"bar failed\"");
        HeadlessChromium.screenshot(dir, html.toUri().toString(), Path.of(System.getProperty("user.dir"), "target", "run-rolled-back.png"), "1280,1400");

        CliRun resume = CliRun.process(dir, Map.of(), "run", "PLAN.yaml", "--resume");
        assertThat(resume.exit()).as(resume.all()).isEqualTo(2);
        assertThat(resume.err()).contains("finished rolled-back", "nothing to resume");
    }

    @Test
    void aRunKilledAtEachStepBoundaryAndResumedEndsAsARunNeverInterrupted() throws Exception {
        checks(200);
        String original = content();
        CliRun whole = CliRun.process(dir, Map.of(), "run", "PLAN.yaml");
        assertThat(whole.exit()).as(whole.all()).isZero();
        String expected = content();
        assertThat(expected).isNotEqualTo(original).contains("orders", "gold=200");

        // each boundary, and the moment a step has done its work but the journal does not say so yet (it runs again: the backup, migrate and data steps)
        for (String fault : List.of("run.step-started:1", "run.step-ended:2", "run.step-started:3", "run.step-ended:4", "run.step-started:5",
                "run.step-ended:6", "run.step-before-end:1", "run.step-before-end:3", "run.step-before-end:4")) {
            restoreOriginal();
            assertThat(content()).isEqualTo(original);
            CliRun killed = CliRun.process(dir, Map.of("FERRY_FAULT", fault), "run", "PLAN.yaml");
            assertThat(killed.exit()).as(fault + ": " + killed.all()).isEqualTo(FaultPoints.KILLED);

            CliRun resumed = CliRun.process(dir, Map.of(), "run", "PLAN.yaml", "--resume");
            assertThat(resumed.exit()).as(fault + ", resumed: " + resumed.all()).isZero();
            assertThat(resumed.out()).contains("Completed");
            assertThat(content()).as("after a kill at " + fault + " and --resume").isEqualTo(expected);
        }
    }

    @Test
    void healDriftPutsBackAColumnTheHistoryClaimsAndTerminateSessionsEndsTheApplicationsConnections() throws Exception {
        assertThat(CliRun.process(dir, Map.of(), "migrate", "--url", TestPostgres.url(target)).exit()).isZero();
        TestPostgres.execute(target, "ALTER TABLE customers DROP COLUMN vip; CREATE TABLE scratch_notes (id int)"); // drift: by hand, at 2 a.m.
        Files.writeString(dir.resolve("PLAN.yaml"), Files.readString(dir.resolve("PLAN.yaml")).replaceFirst("(?s)steps:.*", """
                steps:
                  - { id: end_app_sessions, terminate-sessions: target }
                  - { id: heal, heal-drift: target }
                """));
        try (Connection app = TestPostgres.connect(target)) {
            CliRun plan = CliRun.process(dir, Map.of(), "plan", "PLAN.yaml");
            assertThat(plan.exit()).as(plan.all()).isZero();
            assertThat(plan.out()).contains("end the other sessions on the target", "repair the drift of the target (nothing dropped)",
                    "point of no return", "target answers", "target history: agrees with", "source connection: PostgreSQL");

            CliRun run = CliRun.process(dir, Map.of(), "run", "PLAN.yaml");

            assertThat(run.exit()).as(run.all()).isZero();
            assertThat(run.out()).contains("ended 1 other session(s) on the target", "repaired the drift of the target: 1 change(s),"
                    + " 1 destructive left out");
            assertThat(app.isValid(2)).as("the application's connection was ended").isFalse();
        }
        assertThat(content()).contains("customers(id,email,tier,vip)", "scratch_notes");
    }

    @Test
    void aRehearsalRunsThePlanOnScratchCopiesLeavingTheRealDatabasesAsTheyWere() throws Exception {
        checks(200);
        String before = content();
        TestPostgres.execute(target, "ALTER DATABASE " + target + " SET work_mem = '7MB'"); // the scratch server takes the target's settings

        CliRun rehearsal = CliRun.process(dir, Map.of(), "run", "PLAN.yaml", "--rehearse");

        assertThat(rehearsal.exit()).as(rehearsal.all()).isZero();
        assertThat(rehearsal.all()).contains("rehearsal: started a scratch PostgreSQL 17, set like the target: ", "synchronous_commit=off", "work_mem=7MB");
        assertThat(rehearsal.all()).contains("rehearsal: backing up the source", "rehearsal: restoring it into a scratch PostgreSQL 17",
                "applied 1 migration(s) to target, schema version 2", "validated target: 1 checks passed", "Rehearsed", "expect a downtime of about");
        assertThat(content()).as("the real target, only read").isEqualTo(before);
        try (Stream<Path> files = Files.list(dir.resolve("reports"))) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(f -> f.matches("rehearsal-\\d{8}T\\d{6}Z\\.html"))
                    .noneMatch(f -> f.startsWith("run-") || f.startsWith("validate-"));
        }
        try (Stream<Path> backups = Files.list(dir.resolve(".ferry/rehearsals"))) {
            Path rehearsed = backups.findFirst().orElseThrow();
            assertThat(rehearsed.resolve("backups")).as("the rehearsal's backups are dropped with it").doesNotExist();
        }
        assertThat(dir.resolve("backups")).as("nothing in the real backups").doesNotExist();

        CliRun real = CliRun.process(dir, Map.of(), "run", "PLAN.yaml");
        assertThat(real.exit()).as(real.all()).isZero();
        assertThat(content()).contains("gold=200", "history=1,2");
    }

    /** The target back as it was before any run: V2 undone, the tiers cleared, the history at V1. */
    private void restoreOriginal() {
        TestPostgres.execute(target, "DROP TABLE IF EXISTS orders; ALTER TABLE customers DROP COLUMN IF EXISTS vip; UPDATE customers SET tier = NULL;"
                + " DELETE FROM ferry_history WHERE version = '2'; DROP TABLE IF EXISTS ferry_data_history");
    }

    /** The tables of the target and their rows, in one comparable text (the history tables left out: they record times). */
    private String content() throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Connection c = TestPostgres.connect(target); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT string_agg(table_name || '(' || (SELECT string_agg(column_name, ',' ORDER BY ordinal_position)"
                    + " FROM information_schema.columns c WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name) || ')', ' ' ORDER BY table_name)"
                    + " FROM information_schema.tables t WHERE table_schema = 'public' AND table_name NOT LIKE 'ferry_%'")) {
                r.next();
                sb.append(r.getString(1));
            }
            try (ResultSet r = s.executeQuery("SELECT count(*), md5(string_agg(c::text, '|' ORDER BY id)), count(*) FILTER (WHERE tier = 'gold') FROM customers c")) {
                r.next();
                sb.append(" customers=").append(r.getLong(1)).append(' ').append(r.getString(2)).append(" gold=").append(r.getLong(3));
            }
            try (ResultSet r = s.executeQuery("SELECT string_agg(version, ',' ORDER BY installed_rank) FROM ferry_history")) {
                r.next();
                sb.append(" history=").append(r.getString(1));
            }
        }
        return sb.toString();
    }

    private JsonNode onlyReport() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("reports"))) {
            Path report = files.filter(f -> f.getFileName().toString().matches("run-\\d{8}T\\d{6}Z\\.json")).findFirst().orElseThrow();
            return JSON.readTree(Files.readString(report));
        }
    }

    private static String stateOf(JsonNode steps, String id) {
        for (JsonNode step : steps) {
            if (step.path("id").asText().equals(id)) {
                return step.path("state").asText();
            }
        }
        throw new AssertionError("no step " + id + " in " + steps);
    }
}
