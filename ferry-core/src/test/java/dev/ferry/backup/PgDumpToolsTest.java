package dev.ferry.backup;

import dev.ferry.error.FerryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Which installed pg_dump backs up a server: the lowest major that can still read it; and what is said when none can. */
class PgDumpToolsTest {
    @TempDir
    Path dir;

    /** A pg_dump that only answers --version, as the one of {@code version}, in its own directory. */
    private Path pgDump(String version) throws Exception {
        Path bin = Files.createDirectories(dir.resolve(version));
        Path tool = bin.resolve("pg_dump");
        Files.writeString(tool, "#!/bin/sh\necho 'pg_dump (PostgreSQL) " + version + "'\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private PgDumpTools tools(Path... path) {
        String joined = String.join(":", java.util.Arrays.stream(path).map(Path::toString).toList());
        return new PgDumpTools(new ClientTools(Map.of("PATH", joined), false));
    }

    @Test
    void theLowestMajorThatCanReadTheServerIsChosenWhereverItIsOnPath() throws Exception {
        PgDumpTools tools = tools(pgDump("18.1"), pgDump("14.9"), pgDump("16.3"));
        assertThat(tools.pgDumpFor(15).version()).isEqualTo("16.3");
        assertThat(tools.pgDumpFor(16).version()).isEqualTo("16.3");
        assertThat(tools.pgDumpFor(17).version()).isEqualTo("18.1");
        assertThat(tools.pgDumpFor(13).version()).isEqualTo("14.9");
    }

    @Test
    void whenNoneCanTheErrorNamesTheServerEveryVersionFoundAndWhatToDo() throws Exception {
        FerryException e = catchThrowableOfType(FerryException.class, () -> tools(pgDump("15.20"), pgDump("14.9")).pgDumpFor(17));
        assertThat(e.exitCode().code()).isEqualTo(2);
        assertThat(e.getMessage()).contains("no pg_dump here can dump a PostgreSQL 17 server", "refuses servers newer than itself",
                "pg_dump 15.20 (", "pg_dump 14.9 (");
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("native backup", "postgresql-client-17"));
        FerryException none = catchThrowableOfType(FerryException.class, () -> tools(dir.resolve("empty")).pgDumpFor(15));
        assertThat(none.getMessage()).contains("none was found on PATH");
    }

    @Test
    void theToolsConnectWhereTheUrlSaysWhateverServiceTheEnvironmentNames() {
        PgDumpTools.Libpq libpq = new PgDumpTools.Libpq("db.internal", 5433, "shop", "app", "s3cret", null);
        Map<String, String> env = libpq.environment(Map.of("PGSERVICE", "other", "PGSERVICEFILE", "/etc/pg_service.conf", "PGHOSTADDR", "10.0.0.9",
                "PGHOST", "elsewhere", "PATH", "/usr/bin"));
        assertThat(env).doesNotContainKeys("PGSERVICE", "PGSERVICEFILE", "PGHOSTADDR")
                .containsEntry("PGHOST", "db.internal").containsEntry("PGPORT", "5433").containsEntry("PGDATABASE", "shop")
                .containsEntry("PGPASSWORD", "s3cret").containsEntry("PATH", "/usr/bin");
    }
}
