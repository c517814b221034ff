package dev.ferry.cli;

import dev.ferry.backup.Manifest;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.ferry.testkit.ManifestChecksums.checksums;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * restore --clean killed at each dangerous moment (named fault points) and at random ones: the safety
 * backup of what the target held is there, the next run says what state the target is in, and it
 * then finishes with every table equal to the backup.
 */
class KilledRestoreIT {
    private static final List<String> FAULTS = List.of("restore.after-safety-backup", "restore.after-terminate", "restore.after-drop",
            "restore.after-create", "restore.after-schema", "stream.after-table-loaded", "stream.after-table-loaded:6", "restore.after-data",
            "restore.after-post-data", "restore.before-journal-cleared");

    @TempDir
    Path dir;
    private Path backup;
    private Manifest manifest;

    @BeforeEach
    void backupToRestore() throws Exception {
        String source = TestPostgres.createChinookDatabase("killsrc");
        TestPostgres.execute(source, "UPDATE artist SET name = 'restored ' || name");
        CliRun taken = CliRun.process(dir, Map.of(), "backup", "--url", TestPostgres.url(source), "--out", "source-backups");
        assertThat(taken.exit()).as(taken.all()).isZero();
        try (Stream<Path> dirs = Files.list(dir.resolve("source-backups"))) {
            backup = dirs.findFirst().orElseThrow();
        }
        manifest = Manifest.read(backup);
    }

    private String target() {
        String db = TestPostgres.createChinookDatabase("killtgt");
        TestPostgres.execute(db, "CREATE TABLE precious (id int); INSERT INTO precious VALUES (42)");
        return db;
    }

    @Test
    void killedAtEachFaultPointTheNextRunSaysWhereItStoodAndFinishes() throws Exception {
        for (String fault : FAULTS) {
            String db = target();
            String url = TestPostgres.url(db);
            CliRun killed = CliRun.process(dir, Map.of("FERRY_FAULT", fault), "restore", backup.toString(), "--clean", "--url", url);
            assertThat(killed.exit()).as(fault + ": " + killed.all()).isEqualTo(137);
            assertThat(safetyBackups(db)).as(fault + ": the safety backup of the target exists").hasSize(1);

            CliRun next = CliRun.process(dir, Map.of(), "restore", backup.toString(), "--clean", "--url", url);
            assertThat(next.exit()).as(fault + ": " + next.all()).isZero();
            assertThat(next.err()).as(fault).contains("an earlier restore of", "did not finish", "the safety backup of what the target held is");
            assertThat(next.err()).as(fault).contains("keeping that run's safety backup");
            assertEqualToBackup(db, fault);
            Manifest safety = Manifest.read(safetyBackups(db).get(0));
            assertThat(safety.tables()).as(fault + ": the safety backup holds what the target held").anyMatch(t -> t.name().equals("precious"));
        }
    }

    @Test
    void killMinus9AtRandomMomentsThenTheNextRunFinishes() throws Exception {
        Random random = new Random(Long.getLong("ferry.kill.seed", System.nanoTime()));
        for (int i = 0; i < 3; i++) {
            String db = target();
            String url = TestPostgres.url(db);
            Process p = new ProcessBuilder("setsid", java(), "-jar", jar(), "restore", backup.toString(), "--clean", "--url", url)
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("killed-" + i + ".log").toFile()).start();
            Thread.sleep(500 + random.nextInt(4000));
            new ProcessBuilder("kill", "-9", "--", "-" + p.pid()).inheritIO().start().waitFor();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            CliRun next = CliRun.process(dir, Map.of(), "restore", backup.toString(), "--clean", "--url", url);
            assertThat(next.exit()).as(next.all()).isZero();
            assertEqualToBackup(db, "random kill " + i);
        }
    }

    @Test
    void fiveOpenSessionsAreEndedAndNamed() throws Exception {
        String db = target();
        List<Connection> app = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Connection c = TestPostgres.connect(db);
                try (Statement s = c.createStatement()) {
                    s.execute("SET application_name = 'shop-web-" + i + "'");
                }
                app.add(c);
            }
            CliRun refused = CliRun.process(dir, Map.of(), "restore", backup.toString(), "--url", TestPostgres.url(db));
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err()).contains("not empty", "nothing was changed");

            CliRun clean = CliRun.process(dir, Map.of(), "restore", backup.toString(), "--clean", "--url", TestPostgres.url(db));
            assertThat(clean.exit()).as(clean.all()).isZero();
            assertThat(clean.err()).contains("ended 5 sessions on " + db, "application shop-web-0", "application shop-web-4");
            assertThat(clean.out()).contains("ended 5 sessions on the target", "safety backup of what the target held: ", "Restored");
            assertEqualToBackup(db, "five sessions");
        } finally {
            for (Connection c : app) {
                try {
                    c.close();
                } catch (java.sql.SQLException e) {
                    // ended by the restore, as it should be
                }
            }
        }
    }

    private void assertEqualToBackup(String db, String when) {
        CliRun again = CliRun.process(dir, Map.of(), "backup", "--url", TestPostgres.url(db), "--out", "check-" + db);
        assertThat(again.exit()).as(again.all()).isZero();
        Path taken;
        try (Stream<Path> dirs = Files.list(dir.resolve("check-" + db))) {
            taken = dirs.findFirst().orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(checksums(Manifest.read(taken))).as(when + ": the target equals the backup, table for table").isEqualTo(checksums(manifest));
    }

    private List<Path> safetyBackups(String db) throws Exception {
        Path backups = dir.resolve("backups");
        if (!Files.isDirectory(backups)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(backups)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(db + "-")).toList();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        return Path.of(System.getProperty("user.dir"), "target", "ferry.jar").toString();
    }
}
