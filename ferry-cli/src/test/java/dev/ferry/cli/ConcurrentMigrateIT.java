package dev.ferry.cli;

import dev.ferry.testkit.TestMariaDb;
import dev.ferry.testkit.TestPostgres;

import static dev.ferry.testkit.Sql.scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Eight `ferry migrate` processes at once on one database: all succeed, each migration runs once. */
class ConcurrentMigrateIT {
    private static final int PROCESSES = 8;
    private static final int MIGRATIONS = 5;

    @TempDir
    Path dir;

    private void writeMigrations() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V0__log.sql"), "CREATE TABLE applied_log (version INT NOT NULL);\n");
        for (int v = 1; v <= MIGRATIONS; v++) {
            // Not idempotent on purpose: a second run would fail on CREATE TABLE or double the log.
            Files.writeString(migrations.resolve("V" + v + "__step_" + v + ".sql"),
                    "CREATE TABLE step_" + v + " (id INT);\nINSERT INTO applied_log (version) VALUES (" + v + ");\n");
        }
    }

    private List<CliRun> runAtOnce(String url) {
        List<CompletableFuture<CliRun>> runs = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> CliRun.process(dir, Map.of(), "migrate", "--url", url, "--lock-timeout", "120")));
        }
        return runs.stream().map(CompletableFuture::join).toList();
    }

    private void assertEachMigrationOnce(List<CliRun> runs, Connection c) throws Exception {
        assertThat(runs).allSatisfy(r -> assertThat(r.exit()).as(r.all()).isZero());
        long appliedAnything = runs.stream().filter(r -> r.out().contains("Applied " + (MIGRATIONS + 1) + " migrations")).count();
        assertThat(appliedAnything).as("one process did the work, the others found it done").isEqualTo(1);
        try (Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM applied_log")).isEqualTo(MIGRATIONS);
            assertThat(scalar(s, "SELECT COUNT(DISTINCT version) FROM applied_log")).isEqualTo(MIGRATIONS);
            assertThat(scalar(s, "SELECT COUNT(*) FROM ferry_history")).isEqualTo(MIGRATIONS + 1);
        }
    }


    @Test
    void onPostgres() throws Exception {
        writeMigrations();
        String db = TestPostgres.createDatabase("concurrent");
        List<CliRun> runs = runAtOnce(TestPostgres.url(db));
        try (Connection c = TestPostgres.connect(db)) {
            assertEachMigrationOnce(runs, c);
        }
    }

    @Test
    void onMariaDb() throws Exception {
        writeMigrations();
        String db = TestMariaDb.createDatabase("concurrent");
        List<CliRun> runs = runAtOnce(TestMariaDb.url(db));
        try (Connection c = TestMariaDb.connect(db)) {
            assertEachMigrationOnce(runs, c);
        }
    }
}
