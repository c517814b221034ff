package dev.ferry.cli;

import dev.ferry.backup.Manifest;
import dev.ferry.testkit.TestMariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backup --format mariadb-dump} on Chinook in MariaDB: the manifest lists the checksums of a
 * native backup (the manifest is computed by the engine reading MariaDB's tables), and the backup
 * verifies and restores.
 */
class MariaDbDumpBackupIT {
    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.inProcess(dir, Map.of("PATH", System.getenv("PATH")), args);
    }

    @Test
    void aMariaDbDumpBackupListsTheChecksumsOfANativeOneThenVerifiesAndRestores() throws Exception {
        String source = TestMariaDb.url(TestMariaDb.createChinookDatabase("mdump"));
        assertThat(run("backup", "--url", source, "--out", "native").exit()).isZero();
        CliRun dump = run("backup", "--url", source, "--out", "dumps", "--format", "mariadb-dump");
        assertThat(dump.exit()).as(dump.all()).isZero();
        assertThat(dump.out()).contains("Backed up", "11 tables, 15607 rows");
        Path taken = DumpBackupIT.only(dir.resolve("dumps"));
        assertThat(taken.resolve("dump.sql")).content().contains("CREATE TABLE");
        Manifest m = Manifest.read(taken);
        assertThat(m.format()).isEqualTo("mariadb-dump");
        assertThat(DumpBackupIT.checksums(m)).as("a native and a mariadb-dump backup of one database list equal rows and checksums")
                .isEqualTo(DumpBackupIT.checksums(Manifest.read(DumpBackupIT.only(dir.resolve("native"))))).hasSize(11);

        CliRun verify = run("backup", "verify", taken.toString(), "--scratch", TestMariaDb.url(""));
        assertThat(verify.exit()).as(verify.all()).isZero();
        assertThat(run("backup", "list", "--out", "dumps").out()).contains("mariadb-dump", "yes");

        String target = TestMariaDb.url(TestMariaDb.createDatabase("mdumprestore"));
        CliRun restore = run("restore", taken.toString(), "--url", target);
        assertThat(restore.exit()).as(restore.all()).isZero();
        assertThat(restore.out()).contains("Restored", "11 tables, 15607 rows", "equal to the manifest");
    }
}
