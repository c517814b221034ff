package dev.ferry.cli;

import dev.ferry.backup.Manifest;
import dev.ferry.testkit.TestMariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.ferry.testkit.ManifestChecksums.checksums;
import static org.assertj.core.api.Assertions.assertThat;

/** backup --verify, restore and restore --clean as a user runs them, on Chinook in MariaDB. */
class MariaDbBackupCommandIT {
    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.inProcess(dir, Map.of(), args);
    }

    /** restore --clean on MariaDB killed after the drop and half-way through the data: the next run says so and finishes. */
    @Test
    void aKilledRestoreCleanIsFinishedByTheNextRun() throws Exception {
        String source = TestMariaDb.createChinookDatabase("clikillsrc");
        CliRun taken = CliRun.inProcess(dir, Map.of(), "backup", "--url", TestMariaDb.url(source), "--out", "source-backups");
        assertThat(taken.exit()).as(taken.all()).isZero();
        Path backup;
        try (Stream<Path> dirs = Files.list(dir.resolve("source-backups"))) {
            backup = dirs.findFirst().orElseThrow();
        }
        Manifest manifest = Manifest.read(backup);
        for (String fault : List.of("restore.after-drop", "stream.after-table-loaded:4")) {
            String db = TestMariaDb.createDatabase("clikilltgt");
            TestMariaDb.execute("CREATE TABLE `" + db + "`.precious (id int PRIMARY KEY)");
            CliRun killed = CliRun.process(dir, Map.of("FERRY_FAULT", fault), "restore", backup.toString(), "--clean", "--url", TestMariaDb.url(db));
            assertThat(killed.exit()).as(fault + ": " + killed.all()).isEqualTo(137);
            CliRun next = CliRun.process(dir, Map.of(), "restore", backup.toString(), "--clean", "--url", TestMariaDb.url(db));
            assertThat(next.exit()).as(fault + ": " + next.all()).isZero();
            assertThat(next.err()).as(fault).contains("an earlier restore of", "did not finish", "keeping that run's safety backup");
            CliRun again = CliRun.inProcess(dir, Map.of(), "--json", "backup", "--url", TestMariaDb.url(db), "--out", "check-" + db);
            assertThat(again.exit()).as(again.all()).isZero();
            try (Stream<Path> dirs = Files.list(dir.resolve("check-" + db))) {
                assertThat(checksums(Manifest.read(dirs.findFirst().orElseThrow()))).as(fault).isEqualTo(checksums(manifest));
            }
        }
    }

    @Test
    void backupWithVerifyThenRestoreThenRestoreCleanOverOpenSessions() throws Exception {
        String source = TestMariaDb.url(TestMariaDb.createChinookDatabase("clibackup"));
        CliRun backup = run("backup", "--url", source, "--verify");
        assertThat(backup.exit()).as(backup.all()).isZero();
        assertThat(backup.out()).contains("Backed up", "11 tables, 15607 rows", "from one snapshot", "Verified");
        assertThat(backup.err()).contains("scratch database on the source's server");
        Path taken;
        try (Stream<Path> dirs = Files.list(dir.resolve("backups"))) {
            taken = dirs.findFirst().orElseThrow();
        }
        assertThat(taken.resolve("README.txt")).content().contains("mariadb --local-infile=1 NEWDB", "LOAD DATA LOCAL INFILE '/dev/stdin'");
        assertThat(run("backup", "list").out()).contains(taken.getFileName().toString(), "yes");

        String targetDb = TestMariaDb.createDatabase("clirestore");
        String target = TestMariaDb.url(targetDb);
        CliRun restore = run("restore", "backups/" + taken.getFileName(), "--url", target);
        assertThat(restore.exit()).as(restore.all()).isZero();
        assertThat(restore.out()).contains("Restored", "11 tables, 15607 rows");
        CliRun refused = run("restore", "backups/" + taken.getFileName(), "--url", target);
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("not empty", "nothing was changed");

        List<Connection> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                clients.add(TestMariaDb.connect(targetDb));
            }
            CliRun clean = run("restore", "backups/" + taken.getFileName(), "--url", target, "--clean");
            assertThat(clean.exit()).as(clean.all()).isZero();
            assertThat(clean.all()).contains("safety backup of", "ended 2 sessions on " + targetDb, "Restored");
        } finally {
            for (Connection c : clients) {
                c.close();
            }
        }
    }
}
