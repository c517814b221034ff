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
    @TempDir
    Path bin;

    private void fakeTool(String name, String versionLine) throws IOException {
        Path tool = bin.resolve(name);
        Files.writeString(tool, "#!/bin/sh\necho '" + versionLine + "'\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private final ServerInfo pg17 = new ServerInfo("PostgreSQL", "17.2", 17, "shop", 1000, "app");

    @Test
    void aClientOlderThanTheServerIsAWarningWithTheFix() throws IOException {
        fakeTool("pg_dump", "pg_dump (PostgreSQL) 15.19 (Debian 15.19-0+deb12u1)");
        DoctorCheck check = new DoctorService(new ToolProbe(bin.toString())).checkTool(new ClientTool("dump", List.of("pg_dump"), true), pg17);
        assertThat(check.status()).isEqualTo(CheckStatus.WARN);
        assertThat(check.detail()).contains("15.19", "cannot dump a PostgreSQL 17 server");
        assertThat(check.hint()).contains("postgresql-client-17");
    }

    @Test
    void aClientAsNewAsTheServerPasses() throws IOException {
        fakeTool("pg_dump", "pg_dump (PostgreSQL) 17.4");
        DoctorCheck check = new DoctorService(new ToolProbe(bin.toString())).checkTool(new ClientTool("dump", List.of("pg_dump"), true), pg17);
        assertThat(check.status()).isEqualTo(CheckStatus.OK);
    }

    @Test
    void theFirstAlternativeFoundIsUsedAndAMissingToolIsNamed() throws IOException {
        fakeTool("mysqldump", "mysqldump  Ver 10.19 Distrib 10.11.6-MariaDB");
        DoctorService doctor = new DoctorService(new ToolProbe(bin.toString()));
        ServerInfo maria = new ServerInfo("MariaDB", "10.11.6", 10, "shop", 1000, "root");
        assertThat(doctor.checkTool(new ClientTool("dump", List.of("mariadb-dump", "mysqldump"), false), maria).name()).isEqualTo("mysqldump");
        DoctorCheck missing = doctor.checkTool(new ClientTool("restore into", List.of("pg_restore"), true), pg17);
        assertThat(missing.status()).isEqualTo(CheckStatus.WARN);
        assertThat(missing.detail()).contains("not on PATH");
    }

    @Test
    void diskCheckLooksAtTheNearestExistingDirectory() {
        DoctorCheck ok = DoctorService.checkDisk(bin.resolve("backups/not/yet"), 1);
        assertThat(ok.status()).isEqualTo(CheckStatus.OK);
        assertThat(ok.detail()).contains("free at " + bin);
        DoctorCheck tooSmall = DoctorService.checkDisk(bin, Long.MAX_VALUE / 4);
        assertThat(tooSmall.status()).isEqualTo(CheckStatus.WARN);
    }
}
