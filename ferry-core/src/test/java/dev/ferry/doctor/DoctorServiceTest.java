package dev.ferry.doctor;

import dev.ferry.spi.ClientTool;
import dev.ferry.spi.ServerInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DoctorServiceTest {
    private static final ClientTool PG_DUMP = new ClientTool("dump", List.of("pg_dump"), true);

    @TempDir
    Path bin;

    private final ServerInfo pg17 = new ServerInfo("PostgreSQL", "17.2", 17, "shop", 1000, "app");

    private Path fakeTool(String dir, String name, String versionLine) throws IOException {
        Path tool = Files.createDirectories(bin.resolve(dir)).resolve(name);
        Files.writeString(tool, "#!/bin/sh\necho '" + versionLine + "'\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        return tool;
    }

    /** Installations as ClientTools reports them: each directory in order, asked for its version. */
    private ToolVersions installed(String... dirs) {
        return command -> java.util.Arrays.stream(dirs).map(d -> new ToolProbe(bin.resolve(d).toString()).probe(command))
                .flatMap(java.util.Optional::stream).toList();
    }

    @Test
    void aPgDumpOlderThanTheServerFailsNamingBothVersionsAndTheWayOut() throws IOException {
        fakeTool("path", "pg_dump", "pg_dump (PostgreSQL) 15.19 (Debian 15.19-0+deb12u1)");
        DoctorCheck check = new ToolCheck(installed("path")).check(PG_DUMP, pg17, true);
        assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check.name()).isEqualTo("pg_dump");
        assertThat(check.detail()).contains("15.19", "older than the PostgreSQL 17.2 server", "cannot dump it");
        assertThat(check.hint()).contains("postgresql-client-17", "native format");

        DoctorCheck forNativeBackups = new ToolCheck(installed("path")).check(PG_DUMP, pg17, false);
        assertThat(forNativeBackups.status()).as("a plan's backups are native: the old tool only warns").isEqualTo(CheckStatus.WARN);
        assertThat(forNativeBackups.detail()).contains("older than the PostgreSQL 17.2 server", "Ferry's native format, which needs none");
    }

    @Test
    void severalVersionsAllTooOldAreEachNamedAndTheSameVersionTwiceIsNot() throws IOException {
        Path v14 = fakeTool("lib/14/bin", "pg_dump", "pg_dump (PostgreSQL) 14.11");
        Path v16 = fakeTool("lib/16/bin", "pg_dump", "pg_dump (PostgreSQL) 16.3");
        DoctorCheck several = new ToolCheck(installed("lib/14/bin", "lib/16/bin")).check(PG_DUMP, pg17, true);
        assertThat(several.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(several.detail()).startsWith(v16 + " 16.3 is older").contains("found 14.11 (" + v14 + "), 16.3 (" + v16 + ")");
        fakeTool("wrapper", "pg_dump", "pg_dump (PostgreSQL) 16.3");
        assertThat(new ToolCheck(installed("wrapper", "lib/16/bin")).check(PG_DUMP, pg17, true).detail()).doesNotContain("found");
    }

    @Test
    void aNewEnoughVersionBesideTheOldOneOnPathPassesAndSaysWhichIsUsed() throws IOException {
        Path old = fakeTool("path", "pg_dump", "pg_dump (PostgreSQL) 15.19");
        Path newer = fakeTool("lib/17/bin", "pg_dump", "pg_dump (PostgreSQL) 17.4");
        fakeTool("lib/18/bin", "pg_dump", "pg_dump (PostgreSQL) 18.0");
        DoctorCheck check = new ToolCheck(installed("path", "lib/18/bin", "lib/17/bin")).check(PG_DUMP, pg17, true);
        assertThat(check.status()).isEqualTo(CheckStatus.OK);
        assertThat(check.detail()).as("the lowest major that reaches the server, as backup picks it")
                .startsWith(newer + " 17.4").contains(old + " 15.19 is older; Ferry uses this one");
    }

    @Test
    void theFirstAlternativeFoundIsUsedAndAMissingToolIsAWarning() throws IOException {
        fakeTool("path", "mysqldump", "mysqldump  Ver 10.19 Distrib 10.11.6-MariaDB");
        ToolCheck tools = new ToolCheck(installed("path"));
        ServerInfo maria = new ServerInfo("MariaDB", "10.11.6", 10, "shop", 1000, "root");
        assertThat(tools.check(new ClientTool("dump", List.of("mariadb-dump", "mysqldump"), false), maria, true).name()).isEqualTo("mysqldump");
        DoctorCheck missing = tools.check(new ClientTool("restore into", List.of("pg_restore"), true), pg17, true);
        assertThat(missing.status()).isEqualTo(CheckStatus.WARN);
        assertThat(missing.detail()).contains("not found", "pg_restore");
    }

    @Test
    void lessFreeSpaceThanTwiceTheDatabaseFailsWithBothFiguresAndWhatToDo() {
        long database = 600_000_000L;
        DoctorCheck check = DiskCheck.check(bin.resolve("backups"), database, dir -> 1_000_000_000L);
        assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check.detail()).contains("1.0 GB free at " + bin, "backups go to " + bin.resolve("backups"),
                "less than twice the database's 600.0 MB (1.2 GB)");
        assertThat(check.hint()).contains("free 200.0 MB there", "at least 1.2 GB free", "--out DIR");
    }

    @Test
    void twiceTheDatabaseOrMorePassesAtTheNearestExistingDirectory() {
        Path[] asked = new Path[1];
        DoctorCheck check = DiskCheck.check(bin.resolve("backups/not/yet"), 500, dir -> {
            asked[0] = dir;
            return 1000;
        });
        assertThat(check.status()).isEqualTo(CheckStatus.OK);
        assertThat(asked[0]).isEqualTo(bin);
        assertThat(check.detail()).contains("1.0 kB free at " + bin, "at least twice the database's 500 B");
    }

    @Test
    void aFileWhereBackupsGoAndAnUnreadableDiskAreSaid() throws IOException {
        Path file = Files.writeString(bin.resolve("backups"), "x");
        DoctorCheck onFile = DiskCheck.check(file, 1, dir -> Long.MAX_VALUE);
        assertThat(onFile.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(onFile.detail()).contains("is a file, not a directory");
        DoctorCheck unreadable = DiskCheck.check(bin.resolve("b"), 1, dir -> {
            throw new IOException("no file store");
        });
        assertThat(unreadable.status()).isEqualTo(CheckStatus.WARN);
        assertThat(unreadable.detail()).contains("no file store");
    }

    @Test
    void theRealDiskIsMeasuredByDefault() {
        DoctorCheck check = DiskCheck.check(bin, 1, FreeSpace.FILE_STORE);
        assertThat(check.status()).isEqualTo(CheckStatus.OK);
        assertThat(check.detail()).matches("[0-9.]+ [kMGT]?B free at " + java.util.regex.Pattern.quote(bin.toString()) + ", at least twice.*");
    }

    @Test
    void aFailedCheckFailsTheResult() {
        DoctorResult ok = new DoctorResult("u", pg17, List.of(new DoctorCheck("a", CheckStatus.OK, "", null),
                new DoctorCheck("b", CheckStatus.INFO, "", null), new DoctorCheck("c", CheckStatus.WARN, "", null)));
        assertThat(ok.failed()).isFalse();
        DoctorResult failed = new DoctorResult("u", pg17, List.of(new DoctorCheck("a", CheckStatus.FAIL, "", null)));
        assertThat(failed.failed()).isTrue();
    }
}
