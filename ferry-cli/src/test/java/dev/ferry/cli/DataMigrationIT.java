package dev.ferry.cli;

import dev.ferry.cli.datamigrations.ClassifyAccounts;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;

import static dev.ferry.testkit.Sql.scalar;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ferry data: SQL data migrations in batches that commit with their checkpoints, on a real
 * PostgreSQL: dry run, run, kills at the batch's fault points and at once, the lock, skip and reset.
 */
class DataMigrationIT {
    private static final int ROWS = 25_000;
    /** Every row's touched counts the batches that changed it: 1 everywhere means no row was migrated twice. */
    private static final String CLASSIFY = """
            -- ferry:batch table=accounts key=id size=1000
            UPDATE accounts
               SET kind = CASE WHEN length(legacy) > 11 THEN 'iban' WHEN legacy IS NULL THEN 'none' ELSE 'swift' END,
                   touched = touched + 1
             WHERE id >= :from AND id < :to
            RETURNING id, CASE WHEN legacy IS NULL THEN 'skipped' ELSE 'migrated' END AS outcome, CASE WHEN legacy IS NULL THEN 'empty' END AS reason;
            """;
    private static final int IBANS = ROWS / 3;
    private static final int EMPTY = ROWS / 3;

    @TempDir
    Path dir;
    private String db;

    @BeforeEach
    void accountsAndMigrations() throws Exception {
        db = TestPostgres.createDatabase("datamig");
        TestPostgres.execute(db, "CREATE TABLE accounts (id bigint PRIMARY KEY, legacy text, kind text, touched int NOT NULL DEFAULT 0);"
                + " INSERT INTO accounts (id, legacy) SELECT g * 3, CASE WHEN g % 3 = 0 THEN 'DE89370400440532013000' WHEN g % 3 = 1 THEN 'DEUTDEFF'"
                + " END FROM generate_series(1, " + ROWS + ") g;"
                + " CREATE TABLE audit (note text)");
        Path data = Files.createDirectories(dir.resolve("migrations/data"));
        Files.writeString(data.resolve("D1__classify_accounts.sql"), CLASSIFY);
        Files.writeString(data.resolve("D2__audit.sql"), "INSERT INTO audit SELECT 'classified ' || count(*) FROM accounts WHERE kind IS NOT NULL;");
    }

    private CliRun data(Map<String, String> env, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "data";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--url";
        all[args.length + 2] = TestPostgres.url(db);
        return CliRun.process(dir, env, all);
    }

    private String table() throws Exception {
        return AccountsTable.checksum(db);
    }

    @Test
    void aDryRunChangesNothingAndReportsTheCountsTheRunThenGives() throws Exception {
        CliRun list = data(Map.of(), "list");
        assertThat(list.exit()).as(list.all()).isZero();
        assertThat(list.out()).contains("D1", "classify accounts", "pending", "D2");

        String before = table();
        CliRun dry = data(Map.of(), "run", "--dry-run");
        assertThat(dry.exit()).as(dry.all()).isZero();
        assertThat(dry.out()).contains("Dry run", ROWS - EMPTY + 1 + " rows would be changed", "first rows before", "first rows after", "kind=iban");
        assertThat(table()).as("the table byte for byte as it was").isEqualTo(before);
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'ferry_data_history'")).as("a dry run records nothing").isZero();
        }

        CliRun run = data(Map.of(), "run");
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).contains("Ran 2 data migrations", ROWS - EMPTY + 1 + " rows changed", "completed", "D1 per-record outcomes");
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE touched = 1")).isEqualTo(ROWS);
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE kind = 'iban'")).isEqualTo(IBANS);
            assertThat(scalar(s, "SELECT processed FROM ferry_data_history WHERE id = '1'")).isEqualTo(ROWS);
            assertThat(scalar(s, "SELECT migrated FROM ferry_data_history WHERE id = '1'")).isEqualTo(ROWS - EMPTY);
            assertThat(scalar(s, "SELECT skipped FROM ferry_data_history WHERE id = '1'")).isEqualTo(EMPTY);
            assertThat(scalar(s, "SELECT COUNT(*) FROM ferry_data_history WHERE status = 'COMPLETED'")).isEqualTo(2);
        }
        CliRun again = data(Map.of(), "run");
        assertThat(again.out()).contains("Up to date");
        CliRun status = data(Map.of(), "status", "--json");
        assertThat(status.out()).contains("\"status\" : \"COMPLETED\"", "\"processed\" : " + ROWS);
    }

    @Test
    void killedAtEachBatchFaultPointTheNextRunGoesOnAndNoRowIsMigratedTwice() throws Exception {
        String expected = uninterrupted();
        for (String fault : new String[] {"data.batch-before-commit:4", "data.batch-after-commit:7", "data.before-complete:2"}) {
            TestPostgres.execute(db, "UPDATE accounts SET kind = NULL, touched = 0; DELETE FROM audit; DROP TABLE IF EXISTS ferry_data_history");
            CliRun killed = data(Map.of("FERRY_FAULT", fault), "run");
            assertThat(killed.exit()).as(fault + ": " + killed.all()).isEqualTo(137);
            CliRun status = data(Map.of(), "list");
            assertThat(status.out()).as(fault).contains("running", "by ", " pid ", "last checkpoint ");
            CliRun resumed = data(Map.of(), "run");
            assertThat(resumed.exit()).as(fault + ": " + resumed.all()).isZero();
            assertThat(resumed.err()).as(fault).contains("was left RUNNING by", "taken over");
            assertThat(table()).as(fault + ": equal to a run never interrupted").isEqualTo(expected);
            assertEveryKeyLoggedOnce();
        }
    }

    /** The per-record log of D1 names every account exactly once, however many runs it took. */
    private void assertEveryKeyLoggedOnce() throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("reports/data/D1.jsonl"));
        Map<String, Long> perKey = lines.stream().map(l -> l.replaceAll("^\\{\"key\":(\\d+),.*$", "$1"))
                .collect(Collectors.groupingBy(k -> k, Collectors.counting()));
        assertThat(perKey).as("one line per account").hasSize(ROWS);
        assertThat(perKey.values()).as("no account logged twice").containsOnly(1L);
        assertThat(lines.stream().filter(l -> l.contains("\"outcome\":\"skipped\",\"reason\":\"empty\""))).hasSize(EMPTY);
    }

    @Test
    void twoJobsWorkOnTwoRangesAtOnceAndLeaveTheTableAsOneDoes() throws Exception {
        String expected = uninterrupted();
        TestPostgres.execute(db, "UPDATE accounts SET kind = NULL, touched = 0; DELETE FROM audit; DROP TABLE ferry_data_history");
        Files.delete(dir.resolve("reports/data/D1.jsonl"));
        CliRun killed = data(Map.of("FERRY_FAULT", "data.batch-before-commit:9"), "run", "--jobs", "2");
        assertThat(killed.exit()).as(killed.all()).isEqualTo(137);
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT processed FROM ferry_data_history WHERE id = '1'")).as("eight ranges committed, in order").isEqualTo(8000);
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE touched = 1")).as("their rows, and no others").isEqualTo(8000);
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE touched = 1 AND id >= (SELECT last_key::bigint FROM ferry_data_history"
                    + " WHERE id = '1')")).as("all below the checkpoint's key").isZero();
        }
        CliRun resumed = data(Map.of(), "run", "--jobs", "2");
        assertThat(resumed.exit()).as(resumed.all()).isZero();
        assertThat(table()).as("equal to a run never interrupted, on one session").isEqualTo(expected);
        assertEveryKeyLoggedOnce();
    }

    /** The table as one run that nobody stopped leaves it. */
    private String uninterrupted() throws Exception {
        CliRun run = data(Map.of(), "run");
        assertThat(run.exit()).as(run.all()).isZero();
        return table();
    }

    @Test
    void recordsThatFailAreLoggedAndTheRunStopsPastMaxErrors() throws Exception {
        Files.writeString(dir.resolve("migrations/data/D1__classify_accounts.sql"), CLASSIFY.replace("'skipped'", "'error'")
                .replace("'empty'", "'no bank details'"));
        CliRun stopped = data(Map.of(), "run");
        assertThat(stopped.exit()).as(stopped.all()).isEqualTo(4);
        assertThat(stopped.err()).contains("more than --max-errors 0", "reports/data/D1.jsonl".replace('/', java.io.File.separatorChar));
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM ferry_data_history WHERE id = '1' AND status = 'FAILED'")).isEqualTo(1);
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE touched = 1")).as("the batch that went past the limit committed").isEqualTo(1000);
        }
        CliRun goesOn = data(Map.of(), "run", "--max-errors", String.valueOf(EMPTY));
        assertThat(goesOn.exit()).as(goesOn.all()).isZero();
        assertThat(goesOn.out()).contains("D1 per-record outcomes (" + EMPTY + " errors)");
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE touched = 1")).isEqualTo(ROWS);
            assertThat(scalar(s, "SELECT errors FROM ferry_data_history WHERE id = '1'")).isEqualTo(EMPTY);
        }
        assertThat(Files.readAllLines(dir.resolve("reports/data/D1.jsonl")).stream().filter(l -> l.contains("\"reason\":\"no bank details\"")))
                .hasSize(EMPTY);
    }

    @Test
    void aFailingVerifyMarksTheMigrationFailedWithItsDetail() throws Exception {
        Files.writeString(dir.resolve("migrations/data/D1__classify_accounts.verify.sql"),
                "SELECT id, legacy, kind FROM accounts WHERE legacy IS NOT NULL AND kind <> 'iban' ORDER BY id;");
        CliRun run = data(Map.of(), "run", "1");
        assertThat(run.exit()).as(run.all()).isEqualTo(4);
        assertThat(run.err()).contains("verify: D1__classify_accounts.verify.sql found " + (ROWS - EMPTY - IBANS) + " rows wrong", "kind=swift");
        CliRun list = data(Map.of(), "list");
        assertThat(list.out()).contains("failed", "verify:");
    }

    @Test
    void aJavaMigrationInAJarIsFoundRunsInKeysetBatchesVerifiesAndGoesDown() throws Exception {
        Files.delete(dir.resolve("migrations/data/D1__classify_accounts.sql"));
        Files.delete(dir.resolve("migrations/data/D2__audit.sql"));
        TestPostgres.execute(db, "UPDATE accounts SET legacy = 'junk' WHERE id % 100 = 0");
        long junk;
        long empty;
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            junk = scalar(s, "SELECT COUNT(*) FROM accounts WHERE legacy = 'junk'");
            empty = scalar(s, "SELECT COUNT(*) FROM accounts WHERE legacy IS NULL");
        }
        jar(dir.resolve("migrations/data/accounts-migrations.jar"), ClassifyAccounts.class);
        CliRun list = data(Map.of(), "list");
        assertThat(list.exit()).as(list.all()).isZero();
        assertThat(list.out()).contains("D1.5", "classify accounts in java", "java", "pending");

        CliRun dry = data(Map.of(), "run", "--dry-run", "--max-errors", "100000");
        assertThat(dry.exit()).as(dry.all()).isZero();
        assertThat(dry.out()).contains("first rows before", "legacy=");
        CliRun run = data(Map.of(), "run", "--max-errors", String.valueOf(junk));
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).contains("D1.5", "completed", "verify: every account with a value is classified");
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE touched = 1")).isEqualTo(ROWS - empty - junk);
            assertThat(scalar(s, "SELECT migrated FROM ferry_data_history WHERE id = '1.5'")).isEqualTo(ROWS - empty - junk);
            assertThat(scalar(s, "SELECT skipped FROM ferry_data_history WHERE id = '1.5'")).isEqualTo(empty);
            assertThat(scalar(s, "SELECT errors FROM ferry_data_history WHERE id = '1.5'")).isEqualTo(junk);
        }
        assertThat(Files.readAllLines(dir.resolve("reports/data/D1.5.jsonl"))).hasSize(ROWS);

        CliRun down = CliRun.process(dir, Map.of(), "--yes", "data", "down", "1.5", "--url", TestPostgres.url(db));
        assertThat(down.exit()).as(down.all()).isZero();
        assertThat(down.out()).contains("Undid D1.5", (ROWS - empty - junk) + " rows changed back", "pending again");
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE touched <> 0 OR kind IS NOT NULL")).isZero();
            assertThat(scalar(s, "SELECT COUNT(*) FROM ferry_data_history WHERE id = '1.5'")).isZero();
        }
    }

    /** A jar holding {@code type} and the ServiceLoader file naming it, as a user's build makes one. */
    private static void jar(Path jar, Class<?> type) throws Exception {
        String entry = type.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             java.io.InputStream bytes = type.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            bytes.transferTo(out);
            out.putNextEntry(new JarEntry("META-INF/services/dev.ferry.data.DataMigration"));
            out.write((type.getName() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void aSecondRunnerWaitsForTheLockThenExits5NamingIt() throws Exception {
        Files.writeString(dir.resolve("migrations/data/D0__slow.sql"), "SELECT pg_sleep(6);");
        ProcessBuilder first = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of(System.getProperty("user.dir"), "target", "ferry.jar").toString(), "data", "run", "--url", TestPostgres.url(db))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("first.log").toFile());
        Process p = first.start();
        Thread.sleep(3000);
        CliRun second = data(Map.of(), "run", "--lock-timeout", "1");
        assertThat(second.exit()).as(second.all()).isEqualTo(5);
        assertThat(second.err()).contains("lock");
        assertThat(p.waitFor()).as(Files.readString(dir.resolve("first.log"))).isZero();
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE touched = 1")).as("one runner did the work, once").isEqualTo(ROWS);
        }
    }

    @Test
    void skipPassesAMigrationByAndResetMakesItPendingAgain() throws Exception {
        CliRun skip = data(Map.of(), "skip", "1");
        assertThat(skip.exit()).as(skip.all()).isZero();
        CliRun run = data(Map.of(), "run");
        assertThat(run.exit()).as(run.all()).isZero();
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE touched > 0")).as("D1 skipped").isZero();
            assertThat(scalar(s, "SELECT COUNT(*) FROM audit")).isEqualTo(1);
        }
        CliRun refused = data(Map.of(), "reset", "1");
        assertThat(refused.exit()).as(refused.all()).isEqualTo(2);
        assertThat(refused.err()).contains("--yes");
        CliRun reset = CliRun.process(dir, Map.of(), "--yes", "data", "reset", "1", "--url", TestPostgres.url(db));
        assertThat(reset.exit()).as(reset.all()).isZero();
        assertThat(reset.out()).contains("Reset D1", "cleared SKIPPED");
        assertThat(data(Map.of(), "run", "1").exit()).isZero();
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE touched = 1")).isEqualTo(ROWS);
        }
    }

    @Test
    void schemaMigrationsLeaveTheDataFolderAlone() throws Exception {
        Files.writeString(dir.resolve("migrations/V1__notes.sql"), "CREATE TABLE notes (id int);");
        String fresh = TestPostgres.createDatabase("datamigschema");
        CliRun migrate = CliRun.inProcess(dir, Map.of(), "migrate", "--url", TestPostgres.url(fresh));
        assertThat(migrate.exit()).as(migrate.all()).isZero();
        assertThat(migrate.out()).contains("applied V1 notes").doesNotContain("classify");
        Files.delete(dir.resolve("migrations/V1__notes.sql"));
        CliRun onlyData = CliRun.inProcess(dir, Map.of(), "status", "--url", TestPostgres.url(fresh));
        assertThat(onlyData.all()).as("a migrations folder that holds only data/ is not a misconfiguration").doesNotContain("recognises");
    }

    @Test
    void migrateWithDataAutoRunsThePendingDataMigrationsAfterTheSchemaOnesAndFailsWhenOneFails() throws Exception {
        Files.writeString(dir.resolve("ferry.yaml"), "data: auto\n");
        Files.writeString(dir.resolve("migrations/V1__note.sql"), "ALTER TABLE accounts ADD COLUMN note text;");
        CliRun baseline = CliRun.process(dir, Map.of(), "baseline", "--version", "0", "--url", TestPostgres.url(db));
        assertThat(baseline.exit()).as(baseline.all()).isZero();
        CliRun migrate = CliRun.process(dir, Map.of(), "migrate", "--url", TestPostgres.url(db));
        assertThat(migrate.exit()).as(migrate.all()).isZero();
        assertThat(migrate.out()).contains("applied V1 note", "Ran 2 data migrations", ROWS - EMPTY + 1 + " rows changed");

        Files.writeString(dir.resolve("migrations/V2__flag.sql"), "ALTER TABLE accounts ADD COLUMN flag int;");
        Files.writeString(dir.resolve("migrations/data/D3__broken.sql"), "UPDATE accounts SET flag = 'not a number';");
        CliRun failed = CliRun.process(dir, Map.of(), "--json", "migrate", "--url", TestPostgres.url(db));
        assertThat(failed.exit()).as(failed.all()).isEqualTo(4);
        assertThat(failed.out()).as("one JSON document, the error").startsWith("{").doesNotContain("\"applied\"")
                .contains("the schema migrations were applied (1 now, schema version 2), then the data migrations (data: auto in ferry.yaml) failed", "D3");
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'flag'")).isEqualTo(1);
            assertThat(scalar(s, "SELECT COUNT(*) FROM ferry_data_history WHERE id = '3' AND status = 'FAILED'")).isEqualTo(1);
        }
    }

    @Test
    void aRunPausesWhileOtherSessionsAreBusyAndGoesOnAfter() throws Exception {
        Thread busy = new Thread(() -> {
            try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
                s.execute("SELECT pg_sleep(5)");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        busy.start();
        long began = System.nanoTime();
        CliRun run = data(Map.of(), "run", "--max-active-sessions", "0", "--max-replication-lag", "30");
        busy.join();
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.err()).contains("D1: pausing: 1 other sessions are running statements, more than --max-active-sessions 0",
                "D1: going on after a pause of");
        assertThat((System.nanoTime() - began) / 1_000_000_000).as("waited for the busy session").isGreaterThanOrEqualTo(3);
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE touched = 1")).isEqualTo(ROWS);
        }
    }

    @Test
    void aBatchedMigrationRunsOnSqliteToo() throws Exception {
        Path file = dir.resolve("app.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, legacy TEXT, kind TEXT, touched INTEGER NOT NULL DEFAULT 0)");
            s.execute("WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 2500)"
                    + " INSERT INTO accounts (id, legacy) SELECT n, CASE WHEN n % 2 = 0 THEN 'DE1' END FROM g");
            s.execute("CREATE TABLE audit (note TEXT)");
        }
        CliRun run = CliRun.process(dir, Map.of(), "data", "run", "--url", "sqlite:" + file);
        assertThat(run.exit()).as(run.all()).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE touched = 1 AND kind IS NOT NULL")).isEqualTo(2500);
            assertThat(scalar(s, "SELECT COUNT(*) FROM ferry_data_history WHERE status = 'COMPLETED'")).isEqualTo(2);
        }
    }
}
