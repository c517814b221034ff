package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The migration commands as a user runs them: output, exit codes, --json, ferry.yaml. */
class MigrateCommandIT {
    @TempDir
    Path dir;
    private String url;

    @BeforeEach
    void migrations() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__create_users.sql"), "CREATE TABLE users (id INT PRIMARY KEY, email TEXT);\n");
        Files.writeString(dir.resolve("migrations/V2__add_index.sql"), "CREATE INDEX users_email ON users (email);\n");
        url = "sqlite:" + dir.resolve("app.db") + "?create=true";
    }

    private CliRun run(String... args) {
        return CliRun.inProcess(dir, Map.of("DATABASE_URL", url), args);
    }

    @Test
    void migrateSaysWhatItAppliedAndStatusShowsIt() {
        CliRun migrate = run("migrate");
        assertThat(migrate.exit()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains("applied V1 create users (V1__create_users.sql)", "applied V2 add index", "Applied 2 migrations, now at version 2");
        CliRun status = run("status");
        assertThat(status.out()).containsPattern("(?m)^1\\s+create users\\s+applied\\s").containsPattern("(?m)^2\\s+add index\\s+applied\\s")
                .contains("is at version 2; 0 pending");
        assertThat(run("migrate").out()).contains("Schema is up to date, now at version 2");
        assertThat(run("check").exit()).isZero();
    }

    @Test
    void checkExitsOneWithOneLinePerProblemAndItsFix() throws Exception {
        run("migrate");
        Files.move(dir.resolve("migrations/V1__create_users.sql"), dir.resolve("migrations/V1__users.sql"));
        Files.writeString(dir.resolve("migrations/V2__add_index.sql"), "CREATE INDEX users_email ON users (email, id);\n");
        CliRun check = run("check");
        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.out()).contains("problem: V1 users (V1__users.sql): renamed, was V1__create_users.sql; run `ferry repair`",
                "problem: V2 add index (V2__add_index.sql): edited", "--accept-edits", "2 problems");
        CliRun migrate = run("migrate");
        assertThat(migrate.exit()).isEqualTo(1);
        assertThat(migrate.err()).contains("migrate refused");
        CliRun repair = run("repair");
        assertThat(repair.out()).contains("re-pointed history entry 1 (V1__create_users.sql) to V1__users.sql", "still: V2 add index");
        assertThat(repair.exit()).isEqualTo(1);
        assertThat(run("repair", "--accept-edits").exit()).isZero();
        assertThat(run("check").exit()).isZero();
    }

    @Test
    void aFailingMigrationExitsFourNamingFileAndLine() throws Exception {
        Files.writeString(dir.resolve("migrations/V3__broken.sql"), "-- adds a column\n\nALTER TABLE nope ADD c INT;\n");
        CliRun run = run("migrate");
        assertThat(run.exit()).isEqualTo(4);
        assertThat(run.err()).contains("error: V3 (V3__broken.sql) failed at line 3", "no such table: nope", "rolled back: nothing of V3",
                "applied before it and kept: V1, V2", "hint: fix V3__broken.sql");
    }

    @Test
    void dryRunPrintsTheSqlAndJsonGivesOneDocument() throws Exception {
        CliRun dry = run("migrate", "--dry-run");
        assertThat(dry.out()).contains("2 migrations would run, nothing was changed", "-- V1 create users (V1__create_users.sql)", "CREATE TABLE users");
        assertThat(Files.exists(dir.resolve("app.db"))).isTrue();
        JsonNode wouldApply = new ObjectMapper().readTree(run("--json", "migrate", "--dry-run").out());
        assertThat(wouldApply.get("wouldApply")).hasSize(2);
        assertThat(wouldApply.has("applied")).as("nothing was applied").isFalse();
        JsonNode json = new ObjectMapper().readTree(run("--json", "migrate").out());
        assertThat(json.get("applied")).hasSize(2);
        assertThat(json.get("schemaVersion").asText()).isEqualTo("2");
        JsonNode status = new ObjectMapper().readTree(run("status", "--json").out());
        assertThat(status.get("migrations").get(0).get("state").asText()).isEqualTo("APPLIED");
    }

    @Test
    void theDirectoryComesFromFerryYamlOrDir() throws Exception {
        Files.move(dir.resolve("migrations"), dir.resolve("db"));
        assertThat(run("migrate").err()).contains("the migrations directory", "does not exist", "--dir");
        assertThat(run("migrate").exit()).isEqualTo(2);
        Files.writeString(dir.resolve("ferry.yaml"), "migrations: db\n");
        assertThat(run("migrate").exit()).isZero();
        assertThat(run("status", "--dir", "db").out()).contains("is at version 2");
    }

    @Test
    void misnamedAndDuplicateFilesAreNamed() throws Exception {
        Files.writeString(dir.resolve("migrations/V3_missing_underscore.sql"), "SELECT 1;\n");
        CliRun misnamed = run("status");
        assertThat(misnamed.exit()).isEqualTo(2);
        assertThat(misnamed.err()).contains("V3_missing_underscore.sql looks like a migration", "two underscores");
        Files.delete(dir.resolve("migrations/V3_missing_underscore.sql"));
        Files.writeString(dir.resolve("migrations/V2__other.sql"), "SELECT 1;\n");
        assertThat(run("status").err()).contains("two migrations claim the same version", "V2__add_index.sql", "V2__other.sql");
    }

    @Test
    void baselineUndoAndBadVersions() throws Exception {
        Files.writeString(dir.resolve("migrations/U2__add_index.sql"), "DROP INDEX users_email;\n");
        assertThat(run("migrate").exit()).isZero();
        CliRun undo = run("undo");
        assertThat(undo.out()).contains("undid V2 with U2__add_index.sql");
        assertThat(run("status").out()).containsPattern("(?m)^2\\s+add index\\s+undone");
        CliRun bad = run("migrate", "--target", "two");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("'two' is not a migration version");
        CliRun baseline = run("baseline", "--version", "1");
        assertThat(baseline.exit()).isEqualTo(2);
        assertThat(baseline.err()).contains("already has");
    }

    @Test
    void aDatabaseWithTablesButNoHistoryIsReportedByStatusAndCheckAndRefusedByMigrate() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"));
             java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY)");
            s.execute("INSERT INTO flyway_schema_history VALUES (1)");
        }
        CliRun status = run("status");
        assertThat(status.out()).contains("problem: Ferry's history of", "flyway_schema_history (1 row)", "hint: ferry adopt flyway");
        CliRun check = run("check");
        assertThat(check.exit()).as(check.out() + check.err()).isEqualTo(1);
        assertThat(check.out()).contains("flyway_schema_history").doesNotContain("OK");
        CliRun migrate = run("migrate");
        assertThat(migrate.exit()).isEqualTo(2);
        assertThat(migrate.err()).contains("migrate refused: Ferry's history of", "flyway_schema_history", "hint: ferry adopt flyway");
    }

    @Test
    void aDeletedAppliedFileHasARepairPathThatCheckNames() throws Exception {
        assertThat(run("migrate").exit()).isZero();
        Files.delete(dir.resolve("migrations/V1__create_users.sql"));
        CliRun check = run("check");
        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.out()).contains("V1__create_users.sql", "missing", "ferry repair --forget-missing");
        CliRun repair = run("repair", "--forget-missing");
        assertThat(repair.exit()).as(repair.err()).isZero();
        assertThat(repair.out()).contains("forgot V1 create users (V1__create_users.sql)", "repair: 1 change");
        assertThat(run("check").exit()).isZero();
    }
}
