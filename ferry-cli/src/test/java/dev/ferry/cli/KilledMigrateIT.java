package dev.ferry.cli;

import dev.ferry.testkit.TestMariaDb;
import dev.ferry.testkit.TestPostgres;

import static dev.ferry.testkit.Sql.scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of a `ferry migrate` (its whole process group) in the middle of a long migration: the
 * server notices the dead client within seconds (client_connection_check_interval), rolls the
 * migration back and frees the lock, so the next run goes ahead at once.
 */
class KilledMigrateIT {
    @TempDir
    Path dir;

    @Test
    void theNextRunSucceedsWithinSecondsAndNothingOfTheKilledOneRemains() throws Exception {
        String db = TestPostgres.createDatabase("killed");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__base.sql"), "CREATE TABLE base (id INT);\n");
        Files.writeString(migrations.resolve("V2__slow.sql"), "CREATE TABLE half_done (id INT);\nINSERT INTO base VALUES (1);\nSELECT pg_sleep(30);\n");

        Process ferry = new ProcessBuilder("setsid", javaBin(), "-jar", jar(), "migrate", "--url", TestPostgres.url(db))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        try (Connection c = TestPostgres.connect(db)) {
            waitUntil(c, "SELECT COUNT(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%' AND state = 'active'", 1, Duration.ofSeconds(60));
            // setsid made the JVM leader of its own process group: kill the whole group, as a crash or an operator would.
            new ProcessBuilder("kill", "-9", "--", "-" + ferry.pid()).inheritIO().start().waitFor();
            assertThat(ferry.waitFor(10, TimeUnit.SECONDS)).isTrue();

            long killedAt = System.nanoTime();
            Files.writeString(migrations.resolve("V2__slow.sql"), "CREATE TABLE half_done (id INT);\nINSERT INTO base VALUES (1);\n");
            CliRun next = CliRun.process(dir, Map.of(), "migrate", "--url", TestPostgres.url(db));
            Duration took = Duration.ofNanos(System.nanoTime() - killedAt);

            assertThat(next.exit()).as(next.all()).isZero();
            assertThat(next.out()).contains("applied V2 slow");
            assertThat(took).as("not after the orphaned pg_sleep(30) ends").isLessThan(Duration.ofSeconds(15));
            try (Statement s = c.createStatement()) {
                assertThat(scalar(s, "SELECT COUNT(*) FROM base")).as("the killed run's insert was rolled back").isEqualTo(1);
                assertThat(scalar(s, "SELECT COUNT(*) FROM ferry_history WHERE version = '2'")).isEqualTo(1);
                assertThat(scalar(s, "SELECT COUNT(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%'")).isZero();
            }
        }
    }

    /**
     * A file that runs statement by statement (here MariaDB's DDL, which commits as it goes) killed
     * after its second statement: the next run finds the row that says how far it got and refuses
     * to run the file again over what it did; after the operator's repair it finishes.
     */
    @Test
    void aStatementByStatementFileKilledHalfWayIsNotRunAgainOverWhatItDid() throws Exception {
        String db = TestMariaDb.createDatabase("killedhalf");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__accounts.sql"), """
                CREATE TABLE accounts (id INT PRIMARY KEY);
                INSERT INTO accounts VALUES (1);
                CREATE TABLE audit (id INT);
                """);
        String url = TestMariaDb.url(db);

        CliRun killed = CliRun.process(dir, Map.of("FERRY_FAULT", "migrate.between-statements:2"), "migrate", "--url", url);
        assertThat(killed.exit()).as(killed.all()).isEqualTo(137);

        CliRun next = CliRun.process(dir, Map.of(), "migrate", "--url", url);
        assertThat(next.exit()).as(next.all()).isEqualTo(1);
        assertThat(next.err()).contains("V1", "did not finish", "after line 2 had committed", "ferry repair");
        CliRun status = CliRun.process(dir, Map.of(), "status", "--url", url);
        assertThat(status.out()).containsPattern("(?m)^1\\s+accounts\\s+failed");
        try (Connection c = TestMariaDb.connect(db); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts")).as("the insert ran once").isEqualTo(1);
            assertThat(scalar(s, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'audit'")).isZero();
            s.execute("DROP TABLE accounts"); // the operator cleans up what the killed run left
        }
        assertThat(CliRun.process(dir, Map.of(), "repair", "--url", url).exit()).isZero();
        CliRun finish = CliRun.process(dir, Map.of(), "migrate", "--url", url);
        assertThat(finish.exit()).as(finish.all()).isZero();
        try (Connection c = TestMariaDb.connect(db); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts")).isEqualTo(1);
            assertThat(scalar(s, "SELECT COUNT(*) FROM ferry_history WHERE success")).isEqualTo(1);
        }
    }

    /** PostgreSQL: a marked no-transaction file killed between its statements, found by the next status as not finished. */
    @Test
    void aNoTransactionFileKilledBetweenStatementsShowsHowFarItGot() throws Exception {
        String db = TestPostgres.createDatabase("killednotx");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__base.sql"), "CREATE TABLE base (id INT, email TEXT);\n");
        Files.writeString(migrations.resolve("V2__index.sql"), """
                -- ferry:no-transaction
                CREATE INDEX CONCURRENTLY base_email ON base (email);
                INSERT INTO base VALUES (1, 'a@example.com');
                CREATE INDEX CONCURRENTLY base_id ON base (id);
                """);
        String url = TestPostgres.url(db);
        assertThat(CliRun.process(dir, Map.of("FERRY_FAULT", "migrate.between-statements:2"), "migrate", "--url", url).exit()).isEqualTo(137);

        CliRun check = CliRun.process(dir, Map.of(), "check", "--url", url);
        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.out()).contains("V2", "did not finish", "after line 3 had committed (INSERT INTO base");
        assertThat(CliRun.process(dir, Map.of(), "migrate", "--url", url).exit()).isEqualTo(1);
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM base")).isEqualTo(1);
            assertThat(scalar(s, "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'base_id'")).isZero();
        }
    }

    private static void waitUntil(Connection c, String sql, long expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Statement s = c.createStatement()) {
            while (scalar(s, sql) != expected) {
                assertThat(System.nanoTime()).as("waited for: " + sql).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }


    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        return new File(System.getProperty("user.dir"), "target/ferry.jar").getAbsolutePath();
    }
}
