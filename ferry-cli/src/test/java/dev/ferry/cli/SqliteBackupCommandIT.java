package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.Chinook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** backup, backup list, backup verify and restore (plain and --clean) as a user runs them on a SQLite file. */
class SqliteBackupCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.inProcess(dir, Map.of(), args);
    }

    private Path onlyBackup(String out) throws Exception {
        try (Stream<Path> dirs = Files.list(dir.resolve(out))) {
            return dirs.findFirst().orElseThrow();
        }
    }

    @Test
    void backupListVerifyRestoreAndCleanRestoreOfASqliteFile() throws Exception {
        Path source = Chinook.sqliteCopy(dir);
        CliRun backup = run("backup", "--url", "sqlite:" + source, "--verify");
        assertThat(backup.exit()).as(backup.all()).isZero();
        assertThat(backup.out()).contains("Backed up", "(SQLite 3.", "11 tables, 15607 rows", "Verified");
        assertThat(backup.all()).doesNotContain("starting a scratch");
        Path taken = onlyBackup("backups");
        assertThat(taken.getFileName().toString()).startsWith("chinook.sqlite-");
        assertThat(run("backup", "list").out()).contains(taken.getFileName().toString(), "sqlite", "yes");

        CliRun verify = run("--json", "backup", "verify", "backups/" + taken.getFileName());
        assertThat(verify.exit()).as(verify.all()).isZero();
        JsonNode v = JSON.readTree(verify.out());
        assertThat(v.get("tables")).hasSize(11);
        assertThat(v.get("problem").isNull()).isTrue();

        Path target = dir.resolve("restored.db");
        CliRun restore = run("restore", "backups/" + taken.getFileName(), "--url", "sqlite:" + target + "?create=true");
        assertThat(restore.exit()).as(restore.all()).isZero();
        assertThat(restore.out()).contains("Restored", "11 tables, 15607 rows", "equal to the manifest");
        CliRun again = run("restore", "backups/" + taken.getFileName(), "--url", "sqlite:" + target);
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("not empty", "nothing was changed");

        CliRun clean = run("restore", "backups/" + taken.getFileName(), "--url", "sqlite:" + target, "--clean");
        assertThat(clean.exit()).as(clean.all()).isZero();
        assertThat(clean.all()).contains("no sessions to end", "safety backup of what the target held: ", "Restored");
        assertThat(run("backup", "list").out()).contains("restored.db-");
    }

    @Test
    void aDamagedSqliteBackupFailsVerifyWithExit1AndNoStackTrace() throws Exception {
        Path source = Chinook.sqliteCopy(dir);
        assertThat(run("backup", "--url", "sqlite:" + source, "--out", "b").exit()).isZero();
        Path file = onlyBackup("b").resolve("database.sqlite.zst");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);

        CliRun verify = run("backup", "verify", onlyBackup("b").toString());
        assertThat(verify.exit()).as(verify.all()).isEqualTo(1);
        assertThat(verify.out()).contains("database.sqlite.zst cannot be decompressed", "Verification failed");
        assertThat(verify.all()).doesNotContain("Exception", "\tat ");
        assertThat(run("backup", "list", "--out", "b").out()).contains("FAILED");

        CliRun restore = run("restore", onlyBackup("b").toString(), "--url", "sqlite:" + dir.resolve("new.db") + "?create=true");
        assertThat(restore.exit()).as(restore.all()).isEqualTo(4);
        assertThat(restore.err()).contains("cannot be decompressed").doesNotContain("Exception");
    }

    @Test
    void validateTablesIntactComparesASqliteFileWithItsBackup() throws Exception {
        Path source = Chinook.sqliteCopy(dir);
        String url = "sqlite:" + source;
        assertThat(run("backup", "--url", url).exit()).isZero();
        Path taken = onlyBackup("backups");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + source); java.sql.Statement s = c.createStatement()) {
            s.execute("update Track set Name = Name || '!' where TrackId = 1");
        }
        Files.writeString(dir.resolve("checks.yaml"), "checks:\n  - tablesIntact: {}\n");
        CliRun changed = run("--json", "validate", "--checks", "checks.yaml", "--baseline", "backups/" + taken.getFileName(), "--url", url);
        assertThat(changed.exit()).as(changed.all()).isEqualTo(1);
        JsonNode check = JSON.readTree(changed.out()).get("checks").get(0);
        assertThat(check.get("summary").asText()).contains("1 of 11 tables differ");
        assertThat(check.get("rows").toString()).contains("Track", "differs");

        Files.writeString(dir.resolve("checks.yaml"), "checks:\n  - tablesIntact: { except: [Track] }\n");
        CliRun intact = run("validate", "--checks", "checks.yaml", "--baseline", "backups/" + taken.getFileName(), "--url", url);
        assertThat(intact.exit()).as(intact.all()).isZero();
        assertThat(intact.out()).contains("10 tables as in the baseline");
    }

    /**
     * restore --clean killed (as kill -9 would) before and after the one transaction that replaces
     * the file: the target is then as it was or as the backup, never between, the safety backup is
     * there, and the next run finishes.
     */
    @Test
    void killedCleanRestoreLeavesTheFileAsItWasOrAsTheBackupAndTheNextRunFinishes() throws Exception {
        Path source = Chinook.sqliteCopy(dir);
        assertThat(run("backup", "--url", "sqlite:" + source, "--out", "src").exit()).isZero();
        Path backup = onlyBackup("src");
        Map<String, String> expected = checksums(dev.ferry.backup.Manifest.read(backup));
        for (String fault : java.util.List.of("restore.after-safety-backup", "restore.file.before-replace", "restore.file.after-replace")) {
            Path target = dir.resolve(fault + ".db");
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + target); java.sql.Statement s = c.createStatement()) {
                s.execute("create table precious (id int)");
                s.execute("insert into precious values (42)");
            }
            String url = "sqlite:" + target;
            CliRun killed = CliRun.process(dir, Map.of("FERRY_FAULT", fault), "restore", backup.toString(), "--clean", "--url", url);
            assertThat(killed.exit()).as(fault + ": " + killed.all()).isEqualTo(137);
            assertThat(run("backup", "--url", url, "--out", "state-" + fault).exit()).isZero();
            Map<String, String> state = checksums(dev.ferry.backup.Manifest.read(onlyBackup("state-" + fault)));
            assertThat(state).as(fault + ": as it was or as the backup").satisfiesAnyOf(
                    m -> assertThat(m).containsOnlyKeys("precious"), m -> assertThat(m).isEqualTo(expected));
            assertThat(state.equals(expected)).as(fault).isEqualTo(fault.endsWith("after-replace"));

            CliRun next = run("restore", backup.toString(), "--clean", "--url", url, "--no-safety-backup");
            assertThat(next.exit()).as(fault + ": " + next.all()).isZero();
            assertThat(run("backup", "--url", url, "--out", "after-" + fault).exit()).isZero();
            assertThat(checksums(dev.ferry.backup.Manifest.read(onlyBackup("after-" + fault)))).as(fault).isEqualTo(expected);
            assertThat(dir).as(fault).isDirectoryNotContaining("glob:**.ferry-restore");
        }
        try (Stream<Path> safety = Files.list(dir.resolve("backups"))) {
            assertThat(safety.map(p -> dev.ferry.backup.Manifest.read(p)).filter(m -> m.tables().stream().anyMatch(t -> t.name().equals("precious"))))
                    .as("a safety backup of each target, holding what it held").hasSize(3);
        }
    }

    private static Map<String, String> checksums(dev.ferry.backup.Manifest m) {
        return m.tables().stream().collect(java.util.stream.Collectors.toMap(dev.ferry.backup.Manifest.TableEntry::name, t -> t.rows() + ":" + t.checksum()));
    }
}
