package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** backup, backup list, backup verify and restore as a user runs them, on Chinook in PostgreSQL. */
class BackupCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.inProcess(dir, Map.of(), args);
    }

    @Test
    void backupListVerifyAndRestoreAsAUserRunsThem() throws Exception {
        String source = TestPostgres.url(TestPostgres.createChinookDatabase("clibackup"));
        CliRun backup = run("backup", "--url", source);
        assertThat(backup.exit()).as(backup.all()).isZero();
        assertThat(backup.out()).contains("Backed up", "11 tables, 15607 rows", "from one snapshot");
        Path taken;
        try (Stream<Path> dirs = Files.list(dir.resolve("backups"))) {
            taken = dirs.findFirst().orElseThrow();
        }
        assertThat(taken.resolve("README.txt")).content().contains("psql -v ON_ERROR_STOP=1 -d NEWDB -f schema.sql", "FORMAT binary");
        assertThat(run("backup", "list").out()).contains(taken.getFileName().toString(), "never");

        String scratchServer = TestPostgres.url("postgres");
        CliRun verify = run("--json", "backup", "verify", "backups/" + taken.getFileName(), "--scratch", scratchServer);
        assertThat(verify.exit()).as(verify.all()).isZero();
        JsonNode v = JSON.readTree(verify.out());
        assertThat(v.get("tables")).hasSize(11);
        assertThat(v.get("problem").isNull()).isTrue();
        assertThat(run("backup", "list").out()).contains("yes");

        String target = TestPostgres.url(TestPostgres.createDatabase("clirestore"));
        CliRun restore = run("restore", "backups/" + taken.getFileName(), "--url", target);
        assertThat(restore.exit()).as(restore.all()).isZero();
        assertThat(restore.out()).contains("Restored", "11 tables, 15607 rows", "equal to the manifest");
        CliRun again = run("restore", "backups/" + taken.getFileName(), "--url", target);
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("not empty", "nothing was changed");
    }

    @Test
    void aDamagedBackupFailsVerifyWithExit1NamingTheTable() throws Exception {
        String source = TestPostgres.url(TestPostgres.createChinookDatabase("clibackupbad"));
        assertThat(run("backup", "--url", source, "--out", "b").exit()).isZero();
        Path taken;
        try (Stream<Path> dirs = Files.list(dir.resolve("b"))) {
            taken = dirs.findFirst().orElseThrow();
        }
        Path track;
        try (Stream<Path> files = Files.list(taken.resolve("data"))) {
            track = files.filter(f -> f.getFileName().toString().endsWith("public.track.bin.zst")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(track);
        bytes[bytes.length / 3] ^= 0x10;
        Files.write(track, bytes);

        CliRun verify = run("backup", "verify", taken.toString(), "--scratch", TestPostgres.url("postgres"));
        assertThat(verify.exit()).as(verify.all()).isEqualTo(1);
        assertThat(verify.out()).contains("public.track", "Verification failed");
        assertThat(run("backup", "list", "--out", "b").out()).contains("FAILED");
    }

    @Test
    void validateTablesIntactComparesEveryTableWithTheBackupButTheExceptedOnes() throws Exception {
        String db = TestPostgres.createChinookDatabase("intact");
        String url = TestPostgres.url(db);
        assertThat(run("backup", "--url", url).exit()).isZero();
        Path taken;
        try (Stream<Path> dirs = Files.list(dir.resolve("backups"))) {
            taken = dirs.findFirst().orElseThrow();
        }
        TestPostgres.execute(db, "UPDATE track SET name = name || '!' WHERE track_id = 1; DELETE FROM invoice_line WHERE invoice_line_id = 1");
        Files.writeString(dir.resolve("checks.yaml"), "checks:\n  - tablesIntact: { except: [invoice_line] }\n");

        CliRun changed = run("--json", "validate", "--checks", "checks.yaml", "--baseline", "backups/" + taken.getFileName(), "--url", url);
        assertThat(changed.exit()).as(changed.all()).isEqualTo(1);
        JsonNode check = JSON.readTree(changed.out()).get("checks").get(0);
        assertThat(check.get("summary").asText()).contains("1 of 10 tables differ", "1 excepted");
        assertThat(check.get("rows").toString()).contains("public.track", "differs").doesNotContain("invoice_line");

        Files.writeString(dir.resolve("checks.yaml"), "checks:\n  - tablesIntact: { except: [invoice_line, track] }\n");
        CliRun intact = run("validate", "--checks", "checks.yaml", "--baseline", "backups/" + taken.getFileName(), "--url", url);
        assertThat(intact.exit()).as(intact.all()).isZero();
        assertThat(intact.out()).contains("9 tables as in the baseline");
    }

    /** The server-move case: a backup of PostgreSQL 15 restores into the embedded 17, table for table. */
    @Test
    void aBackupOfPostgres15RestoresInto17WithEqualChecksums() throws Exception {
        dev.ferry.testkit.SharedPostgres pg15 = dev.ferry.testkit.SharedPostgres.pg15();
        String source = pg15.createFrom("chinook_for_backup", c -> {
            try {
                dev.ferry.testkit.Chinook.loadIntoPostgres(c);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }, "chinook15");
        CliRun backup = run("backup", "--url", pg15.url(source), "--out", "from15");
        assertThat(backup.exit()).as(backup.all()).isZero();
        assertThat(backup.out()).contains("PostgreSQL 15.");
        Path taken;
        try (Stream<Path> dirs = Files.list(dir.resolve("from15"))) {
            taken = dirs.findFirst().orElseThrow();
        }
        String target = TestPostgres.createDatabase("into17");
        CliRun restore = run("restore", taken.toString(), "--url", TestPostgres.url(target));
        assertThat(restore.exit()).as(restore.all()).isZero();
        assertThat(run("backup", "--url", TestPostgres.url(target), "--out", "from17").exit()).isZero();
        Path again;
        try (Stream<Path> dirs = Files.list(dir.resolve("from17"))) {
            again = dirs.findFirst().orElseThrow();
        }
        assertThat(checksums(dev.ferry.backup.Manifest.read(again))).isEqualTo(checksums(dev.ferry.backup.Manifest.read(taken)));
    }

    private static Map<String, String> checksums(dev.ferry.backup.Manifest m) {
        return m.tables().stream().collect(java.util.stream.Collectors.toMap(dev.ferry.backup.Manifest.TableEntry::qualifiedName,
                t -> t.rows() + ":" + t.checksum()));
    }

    @Test
    void aBackupKilledBeforeItsRenameIsNoBackupAndTheNextOneIsWhole() throws Exception {
        String source = TestPostgres.url(TestPostgres.createChinookDatabase("clibackupkill"));
        CliRun killed = CliRun.process(dir, Map.of("FERRY_FAULT", "backup.before-rename"), "backup", "--url", source, "--out", "k");
        assertThat(killed.exit()).as(killed.all()).isEqualTo(137);
        try (Stream<Path> left = Files.list(dir.resolve("k"))) {
            assertThat(left.map(p -> p.getFileName().toString())).as("only the unfinished directory").singleElement().asString()
                    .startsWith(".").endsWith(".partial");
        }
        assertThat(run("backup", "list", "--out", "k").out()).contains("No backups.");
        Path partial;
        try (Stream<Path> left = Files.list(dir.resolve("k"))) {
            partial = left.findFirst().orElseThrow();
        }
        CliRun restore = run("restore", partial.toString(), "--url", TestPostgres.url(TestPostgres.createDatabase("clibackupkilled")));
        assertThat(restore.exit()).isEqualTo(2);
        assertThat(restore.err()).contains("is an unfinished backup", "take a new backup");

        CliRun next = run("backup", "--url", source, "--out", "k", "--verify", "--scratch", TestPostgres.url("postgres"));
        assertThat(next.exit()).as(next.all()).isZero();
        assertThat(run("backup", "list", "--out", "k").out()).contains("15607", "yes").doesNotContain("partial");
    }
}
