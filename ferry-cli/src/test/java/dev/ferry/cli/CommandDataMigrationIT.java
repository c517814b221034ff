package dev.ferry.cli;

import dev.ferry.testkit.TestMariaDb;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.ferry.testkit.Sql.scalar;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ferry data with a {@code .cmd} migration: a command in another language that gets the database in
 * its environment and reports records and checkpoints as JSON lines on stdout. The command here is a
 * Java program run as a single source file ({@code java -cp pgjdbc.jar Classify.java}), which knows
 * Ferry only by its environment and protocol, as a Node or Python script would; the Node example of
 * examples/node-data-migration runs too, with npm ci.
 */
class CommandDataMigrationIT {
    private static final int ROWS = 6000;
    private static final int BATCH = 500;
    private static final Duration GONE_WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private String db;

    @BeforeEach
    void accountsAndTheCommand() throws Exception {
        db = TestPostgres.createDatabase("cmdmig");
        TestPostgres.execute(db, "CREATE TABLE accounts (id bigint PRIMARY KEY, legacy text, kind text);"
                + " INSERT INTO accounts (id, legacy) SELECT g * 3, CASE WHEN g % 50 = 0 THEN 'junk' WHEN g % 3 = 0 THEN 'DE89370400440532013000'"
                + " WHEN g % 3 = 1 THEN 'DEUTDEFF' END FROM generate_series(1, " + ROWS + ") g");
        Path scripts = Files.createDirectories(dir.resolve("scripts"));
        try (InputStream source = getClass().getResourceAsStream("/command-migration/Classify.java")) {
            Files.copy(source, scripts.resolve("Classify.java"));
        }
        Files.createDirectories(dir.resolve("migrations/data"));
        Files.writeString(dir.resolve("migrations/data/D1__classify_accounts.cmd"), "# the accounts' kinds, by a program in another language\n"
                + "# ferry:batch size=" + BATCH + "\n"
                + "'" + java() + "' -cp '" + drivers() + "' scripts/Classify.java\n");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The JDBC drivers of this test's class path (PostgreSQL, MariaDB, SQLite), as the command's own class path. */
    private static String drivers() throws URISyntaxException {
        List<String> jars = new ArrayList<>();
        for (Class<?> driver : List.of(org.postgresql.Driver.class, org.mariadb.jdbc.Driver.class, org.sqlite.JDBC.class)) {
            jars.add(Path.of(driver.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return String.join(java.io.File.pathSeparator, jars);
    }

    private CliRun data(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("data"));
        all.addAll(List.of(args));
        all.addAll(List.of("--url", TestPostgres.url(db)));
        return CliRun.process(dir, env, all.toArray(String[]::new));
    }

    private long sql(String query) throws Exception {
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            return scalar(s, query);
        }
    }

    private String table() throws Exception {
        return AccountsTable.checksum(db);
    }

    @Test
    void theCommandGetsTheDatabaseInItsEnvironmentAndEachRecordIsLogged() throws Exception {
        long junk = sql("SELECT COUNT(*) FROM accounts WHERE legacy = 'junk'");
        long empty = sql("SELECT COUNT(*) FROM accounts WHERE legacy IS NULL");
        CliRun list = data(Map.of(), "list");
        assertThat(list.exit()).as(list.all()).isZero();
        assertThat(list.out()).contains("D1", "classify accounts", "command", "pending");

        CliRun run = data(Map.of(), "run", "--max-errors", String.valueOf(junk));
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).contains("completed", "command", String.valueOf(ROWS / BATCH), "D1 per-record outcomes (" + junk + " errors)");
        assertThat(run.err()).as("the command's stderr and notes, named by the migration")
                .contains("D1: classifying after the start, " + BATCH + " a batch", "D1: every account is classified");
        assertThat(sql("SELECT COUNT(*) FROM accounts WHERE kind IS NULL")).isZero();
        assertThat(sql("SELECT COUNT(*) FROM accounts WHERE kind = 'iban'")).isEqualTo(sql("SELECT COUNT(*) FROM accounts WHERE length(legacy) > 11"));
        assertThat(sql("SELECT processed FROM ferry_data_history WHERE id = '1'")).isEqualTo(ROWS);
        assertThat(sql("SELECT migrated FROM ferry_data_history WHERE id = '1'")).isEqualTo(ROWS - junk - empty);
        assertThat(sql("SELECT skipped FROM ferry_data_history WHERE id = '1'")).isEqualTo(empty);
        assertThat(sql("SELECT errors FROM ferry_data_history WHERE id = '1'")).isEqualTo(junk);
        assertEveryKeyLoggedOnce();
        assertThat(Files.readAllLines(dir.resolve("reports/data/D1.jsonl"))).filteredOn(l -> l.contains("\"reason\":\"neither an IBAN nor a SWIFT/BIC code\""))
                .hasSize((int) junk);

        CliRun edited = data(Map.of(), "list");
        assertThat(edited.out()).contains("completed").doesNotContain("changed after it completed");
        Files.writeString(dir.resolve("migrations/data/D1__classify_accounts.cmd"), "# edited\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(data(Map.of(), "list").out()).as("the .cmd file's text is its checksum").contains("was changed after it completed");
    }

    @Test
    void killedBetweenTheCommandsCommitAndFerrysCheckpointTheNextRunGoesOnAndNoRecordIsLoggedTwice() throws Exception {
        String expected = uninterrupted();
        // before-commit:5: the command committed batch 5, Ferry died before recording it, so batch 5 is done again;
        // after-commit:3: Ferry recorded batch 3 and died, so the next run begins after batch 3's last key
        Map<String, Long> resumesAfter = Map.of("data.batch-before-commit:5", 4L * BATCH * 3, "data.batch-after-commit:3", 3L * BATCH * 3);
        for (Map.Entry<String, Long> fault : resumesAfter.entrySet()) {
            TestPostgres.execute(db, "UPDATE accounts SET kind = NULL; DROP TABLE IF EXISTS ferry_data_history");
            Path pidFile = dir.resolve("classify.pid");
            Files.deleteIfExists(pidFile);
            CliRun killed = data(Map.of("FERRY_FAULT", fault.getKey(), "CLASSIFY_PID_FILE", pidFile.toString()), "run", "--max-errors", "1000");
            assertThat(killed.exit()).as(fault.getKey() + ": " + killed.all()).isEqualTo(137);
            assertGone(Long.parseLong(Files.readString(pidFile)), fault.getKey() + ": the command, once Ferry was killed");
            assertThat(data(Map.of(), "list").out()).as(fault.getKey()).contains("running");

            CliRun resumed = data(Map.of(), "run", "--max-errors", "1000");
            assertThat(resumed.exit()).as(fault.getKey() + ": " + resumed.all()).isZero();
            assertThat(resumed.err()).as(fault.getKey()).contains("taken over", "D1: classifying after " + fault.getValue() + ",");
            assertThat(table()).as(fault.getKey() + ": equal to a run never interrupted").isEqualTo(expected);
            assertThat(sql("SELECT processed FROM ferry_data_history WHERE id = '1'")).as(fault.getKey()).isEqualTo(ROWS);
            assertEveryKeyLoggedOnce();
        }
    }

    /** The table as one run that nobody stopped leaves it. */
    private String uninterrupted() throws Exception {
        CliRun run = data(Map.of(), "run", "--max-errors", "1000");
        assertThat(run.exit()).as(run.all()).isZero();
        return table();
    }

    /** The per-record log of D1 names every account exactly once, however many runs it took. */
    private void assertEveryKeyLoggedOnce() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("reports/data/D1.jsonl"));
        Map<String, Long> perKey = lines.stream().map(l -> l.replaceAll("^\\{\"key\":(\\d+),.*$", "$1"))
                .collect(Collectors.groupingBy(k -> k, Collectors.counting()));
        assertThat(perKey).as("one line per account").hasSize(ROWS);
        assertThat(perKey.values()).as("no account logged twice").containsOnly(1L);
    }

    private static void assertGone(long pid, String what) throws InterruptedException {
        long until = System.nanoTime() + GONE_WITHIN.toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as(what + " (pid " + pid + ") is gone").isFalse();
    }

    @Test
    void aCommandThatExitsWithAnErrorFailsTheMigrationWithItsCodeAndLastStderrLinesAndTheNextRunGoesOn() throws Exception {
        CliRun failed = data(Map.of("CLASSIFY_FAIL_AFTER", "2"), "run", "--max-errors", "1000");
        assertThat(failed.exit()).as(failed.all()).isEqualTo(4);
        assertThat(failed.err()).contains("data migration D1 (classify accounts) failed", "exited with code 3",
                "its last lines on stderr: classifying after the start, 500 a batch | cannot go on: the disk is full | (a failure the test asked for)",
                "run ferry data run again");
        assertThat(data(Map.of(), "list").out()).contains("failed", "exited with code 3");
        assertThat(sql("SELECT last_key FROM ferry_data_history WHERE id = '1'")).as("its two committed batches are recorded").isEqualTo(2L * BATCH * 3);

        CliRun again = data(Map.of(), "run", "--max-errors", "1000");
        assertThat(again.exit()).as(again.all()).isZero();
        assertThat(again.err()).contains("D1: classifying after " + 2L * BATCH * 3 + ",");
        assertThat(sql("SELECT COUNT(*) FROM accounts WHERE kind IS NULL")).isZero();
        assertEveryKeyLoggedOnce();
    }

    @Test
    void aLineThatIsNotTheProtocolFailsTheMigrationNamingTheLineAndStopsTheCommand() throws Exception {
        Path pidFile = dir.resolve("classify.pid");
        CliRun chatty = data(Map.of("CLASSIFY_CHATTER_AFTER", "1", "CLASSIFY_PID_FILE", pidFile.toString(), "CLASSIFY_IGNORE_STDIN", "1"),
                "run", "--max-errors", "1000");
        assertThat(chatty.exit()).as(chatty.all()).isEqualTo(4);
        assertThat(chatty.err()).contains("line " + (BATCH + 2) + " of the command's stdout, 'Classified 1 batches', is not Ferry's protocol: it is not JSON",
                "anything else goes to stderr");
        assertGone(Long.parseLong(Files.readString(pidFile)), "the command, stopped by Ferry");
        assertThat(sql("SELECT last_key FROM ferry_data_history WHERE id = '1' AND status = 'FAILED'")).isEqualTo((long) BATCH * 3);
    }

    @Test
    void aDryRunTellsTheCommandWhichRollsBackWhileFerryRecordsNothing() throws Exception {
        String before = table();
        CliRun dry = data(Map.of(), "run", "--dry-run", "--max-errors", "1000");
        assertThat(dry.exit()).as(dry.all()).isZero();
        long changed = sql("SELECT COUNT(*) FROM accounts WHERE legacy IS NOT NULL AND legacy <> 'junk'");
        assertThat(dry.out()).contains("Dry run", changed + " rows would be changed");
        assertThat(dry.err()).contains("D1: classifying after the start, " + BATCH + " a batch, dry run");
        assertThat(table()).as("the table as it was").isEqualTo(before);
        assertThat(sql("SELECT COUNT(*) FROM pg_tables WHERE tablename = 'ferry_data_history'")).as("a dry run records nothing").isZero();
    }

    /** FERRY_JDBC_URL (and the rest) for the other engines: the same command classifies MariaDB's and SQLite's accounts. */
    @Test
    void theCommandRunsOnMariaDbAndSqliteToo() throws Exception {
        String maria = TestMariaDb.createDatabase("cmdmig");
        try (Connection c = TestMariaDb.connect(maria); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, legacy text, kind text)");
            s.execute("INSERT INTO accounts (id, legacy) SELECT seq, CASE WHEN seq % 2 = 0 THEN 'DE89370400440532013000' END FROM seq_1_to_1200");
        }
        Path sqlite = dir.resolve("app.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqlite); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, legacy TEXT, kind TEXT)");
            s.execute("WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 1200)"
                    + " INSERT INTO accounts (id, legacy) SELECT n, CASE WHEN n % 2 = 0 THEN 'DEUTDEFF' END FROM g");
        }
        for (String url : List.of(TestMariaDb.url(maria), "sqlite:" + sqlite)) {
            CliRun run = CliRun.process(dir, Map.of(), "data", "run", "--url", url);
            assertThat(run.exit()).as(url + ": " + run.all()).isZero();
            assertThat(run.out()).as(url).contains("command", "completed", "600 rows changed");
        }
        try (Connection c = TestMariaDb.connect(maria); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE kind = 'iban'")).isEqualTo(600);
            assertThat(scalar(s, "SELECT processed FROM ferry_data_history WHERE id = '1'")).isEqualTo(1200);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqlite); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE kind = 'swift'")).isEqualTo(600);
            assertThat(scalar(s, "SELECT processed FROM ferry_data_history WHERE id = '1'")).isEqualTo(1200);
        }
    }

    @Test
    void ferryStoppedByATermSignalTakesTheCommandWithIt() throws Exception {
        Path pidFile = dir.resolve("classify.pid");
        ProcessBuilder ferry = new ProcessBuilder(java(), "-jar", Path.of(System.getProperty("user.dir"), "target", "ferry.jar").toString(),
                "data", "run", "--url", TestPostgres.url(db)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("ferry.log").toFile());
        // a command that ignores its stdin and prints nothing for a minute: only Ferry's shutdown hook can stop it
        ferry.environment().putAll(Map.of("CLASSIFY_PID_FILE", pidFile.toString(), "CLASSIFY_IGNORE_STDIN", "1", "CLASSIFY_SLEEP_MS", "60000"));
        Process p = ferry.start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(pidFile) && Files.size(pidFile) > 0) && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertThat(pidFile).as(Files.exists(dir.resolve("ferry.log")) ? Files.readString(dir.resolve("ferry.log")) : "").exists();
        long child = Long.parseLong(Files.readString(pidFile));
        p.destroy();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("Ferry stops on SIGTERM").isTrue();
        assertGone(child, "the command of a Ferry stopped by SIGTERM");
    }

    @Test
    void theNodeExampleRunsEndToEndAndResumesAfterAKill() throws Exception {
        Path project = NodeExample.installedIn(dir.resolve("node-data-migration"));
        String shop = TestPostgres.createDatabase("cmdnode");
        CliRun migrate = CliRun.process(project, Map.of(), "migrate", "--url", TestPostgres.url(shop));
        assertThat(migrate.exit()).as(migrate.all()).isZero();

        CliRun killed = CliRun.process(project, Map.of("FERRY_FAULT", "data.batch-after-commit:4"), "data", "run", "--max-errors", "2000",
                "--url", TestPostgres.url(shop));
        assertThat(killed.exit()).as(killed.all()).isEqualTo(137);
        CliRun run = CliRun.process(project, Map.of(), "data", "run", "--max-errors", "2000", "--url", TestPostgres.url(shop));
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.err()).contains("D1: classifying 6000 accounts after 4000, 1000 a batch", "D1: classified 6000 accounts");
        assertThat(run.out()).contains("D1", "command", "completed", "D1 per-record outcomes (2000 errors)");
        try (Connection c = TestPostgres.connect(shop); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE iban_number IS NOT NULL")).isEqualTo(4000);
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE iban_number = 'DE89370400440532013000'")).as("spaces and case gone").isEqualTo(2000);
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE swift_bic_number IS NOT NULL")).isEqualTo(3000);
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE swift_bic_number = 'NWBKGB2L'")).isEqualTo(1000);
            assertThat(scalar(s, "SELECT migrated FROM ferry_data_history WHERE id = '1'")).isEqualTo(7000);
            assertThat(scalar(s, "SELECT skipped FROM ferry_data_history WHERE id = '1'")).isEqualTo(1000);
            assertThat(scalar(s, "SELECT errors FROM ferry_data_history WHERE id = '1'")).isEqualTo(2000);
        }
        List<String> log = Files.readAllLines(project.resolve("reports/data/D1.jsonl"));
        assertThat(log).hasSize(10_000);
        assertThat(log.stream().map(l -> l.replaceAll("^\\{\"key\":(\\d+),.*$", "$1")).distinct()).as("no account logged twice").hasSize(10_000);
        assertThat(log).filteredOn(l -> l.contains("check digits are wrong")).hasSize(1000);
    }
}
