package dev.ferry.cli;

import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.ferry.testkit.Sql.scalar;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, must-show 2: twenty kill -9 during a 1,000,000-row data migration, at its named fault
 * points (the outcome log written but not the checkpoint, the checkpoint written but not committed,
 * just committed) and at random moments, each followed by a restart: the table ends identical to a
 * run never interrupted (every row's {@code touched} counts the batches that changed it), the history
 * says how far each killed run got, and the per-record log names every row exactly once. Most runs work
 * on two key ranges at once (--jobs 2), whose commits must still come in key order.
 */
class KilledDataMigrationIT {
    private static final int ROWS = 1_000_000;
    private static final int KILLS = 20;
    private static final String CLASSIFY = """
            -- ferry:batch table=accounts key=id size=10000
            UPDATE accounts
               SET kind = CASE WHEN legacy IS NULL THEN NULL WHEN length(legacy) > 11 THEN 'iban' ELSE 'swift' END,
                   touched = touched + 1
             WHERE id >= :from AND id < :to
            RETURNING id, CASE WHEN legacy IS NULL THEN 'skipped' ELSE 'migrated' END AS outcome,
                      CASE WHEN legacy IS NULL THEN 'empty' WHEN length(legacy) > 11 THEN 'IBAN' ELSE 'SWIFT/BIC' END AS reason;
            """;
    private static final String[] FAULTS = {"data.batch-after-log", "data.batch-before-commit", "data.batch-after-commit"};

    @TempDir
    Path dir;

    @Test
    void twentyKillsEachFollowedByARestartLeaveTheTableAsOneRunWouldAndLogEveryRowOnce() throws Exception {
        String pristine = TestPostgres.createDatabase("killdata");
        TestPostgres.execute(pristine, "CREATE TABLE accounts (id bigint PRIMARY KEY, legacy text, kind text, touched int NOT NULL DEFAULT 0);"
                + " INSERT INTO accounts (id, legacy) SELECT g, CASE WHEN g % 3 = 0 THEN 'DE89370400440532013000' WHEN g % 3 = 1 THEN 'DEUTDEFF' END"
                + " FROM generate_series(1, " + ROWS + ") g");
        TestPostgres.execute(pristine, "VACUUM ANALYZE accounts");
        Path uninterrupted = Files.createDirectories(dir.resolve("uninterrupted/migrations/data"));
        Path killed = Files.createDirectories(dir.resolve("killed/migrations/data"));
        Files.writeString(uninterrupted.resolve("D1__classify.sql"), CLASSIFY);
        Files.writeString(killed.resolve("D1__classify.sql"), CLASSIFY);
        String reference = TestPostgres.createDatabase("killdataref");
        String db = TestPostgres.createDatabase("killdatarun");
        for (String copy : List.of(reference, db)) {
            TestPostgres.execute("postgres", "DROP DATABASE " + copy);
            TestPostgres.execute("postgres", "CREATE DATABASE " + copy + " TEMPLATE " + pristine);
        }

        CliRun once = CliRun.process(dir.resolve("uninterrupted"), Map.of(), "data", "run", "--url", TestPostgres.url(reference));
        assertThat(once.exit()).as(once.all()).isZero();
        String expected = AccountsTable.checksum(reference);

        Random random = new Random(Long.getLong("ferry.kill.seed", System.nanoTime()));
        List<String> story = new ArrayList<>();
        int kills = 0;
        for (int attempt = 0; kills < KILLS && attempt < KILLS * 3; attempt++) {
            Process p;
            String how;
            if (attempt % 2 == 0) {
                how = FAULTS[(attempt / 2) % FAULTS.length] + ":" + (1 + random.nextInt(4));
                String jobs = attempt % 4 == 0 ? "1" : "2";
                p = start(Map.of("FERRY_FAULT", how), db, "run-" + attempt, jobs);
                how += " (--jobs " + jobs + ")";
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(how).isTrue();
            } else {
                long after = 600 + random.nextInt(1400);
                how = "kill -9 after " + after + " ms";
                String jobs = attempt % 4 == 1 ? "1" : "2";
                p = start(Map.of(), db, "run-" + attempt, jobs);
                how += " (--jobs " + jobs + ")";
                Thread.sleep(after);
                new ProcessBuilder("kill", "-9", "--", "-" + p.pid()).inheritIO().start().waitFor();
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(how).isTrue();
            }
            if (p.exitValue() == 0) {
                story.add(how + ": finished first");
                break;
            }
            assertThat(p.exitValue()).as(how + ": " + Files.readString(dir.resolve("run-" + attempt + ".log"))).isEqualTo(137);
            kills++;
            story.add(how + ": killed, " + state(db));
        }
        System.out.println("KilledDataMigrationIT, what each killed run left:\n" + String.join("\n", story));
        assertThat(kills).as(String.join("\n", story)).isEqualTo(KILLS);

        CliRun last = CliRun.process(dir.resolve("killed"), Map.of(), "data", "run", "--url", TestPostgres.url(db));
        assertThat(last.exit()).as(last.all()).isZero();
        assertThat(last.err()).as("the restart says what it found").contains("was left RUNNING by", "taken over");
        assertThat(last.out()).contains("completed", String.valueOf(ROWS));
        assertThat(AccountsTable.checksum(db)).as(String.join("\n", story) + "\nthe table equals a run never interrupted").isEqualTo(expected);
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM accounts WHERE touched <> 1")).as("no row migrated twice, none left out").isZero();
            assertThat(scalar(s, "SELECT processed FROM ferry_data_history WHERE id = '1'")).as("the history's count").isEqualTo(ROWS);
        }
        List<String> lines = Files.readAllLines(dir.resolve("killed/reports/data/D1.jsonl"));
        Map<String, Long> perKey = lines.stream().map(l -> l.substring("{\"key\":".length(), l.indexOf(',')))
                .collect(Collectors.groupingBy(k -> k, Collectors.counting()));
        assertThat(perKey).as("the per-record log names every row").hasSize(ROWS);
        assertThat(perKey.values().stream().filter(n -> n != 1)).as("and none twice").isEmpty();
    }

    /**
     * ferry data run in a process group of its own, so that kill -9 takes the whole of it; kept to
     * 40,000 rows a second, so that twenty runs killed after a second or two cannot finish the table.
     */
    private Process start(Map<String, String> env, String db, String name, String jobs) throws Exception {
        ProcessBuilder b = new ProcessBuilder("setsid", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of(System.getProperty("user.dir"), "target", "ferry.jar").toString(), "data", "run", "--url", TestPostgres.url(db),
                "--max-rows-per-second", "40000", "--jobs", jobs).directory(dir.resolve("killed").toFile()).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        b.environment().putAll(env);
        return b.start();
    }

    private static String state(String db) throws Exception {
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT status || ' after key ' || coalesce(last_key, '-') || ', ' || processed || ' rows'"
                     + " FROM ferry_data_history WHERE id = '1'")) {
            return r.next() ? r.getString(1) : "no history yet";
        } catch (java.sql.SQLException e) {
            return "no history yet";
        }
    }
}
