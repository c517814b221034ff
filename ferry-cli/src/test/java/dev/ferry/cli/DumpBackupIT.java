package dev.ferry.cli;

import dev.ferry.backup.Manifest;
import dev.ferry.doctor.ToolProbe;
import dev.ferry.testkit.Chinook;
import dev.ferry.testkit.SharedPostgres;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@code backup --format pg_dump} and {@code backup --url docker://…} on Chinook in PostgreSQL 15
 * (Debian's pg_dump here is 15): the manifest lists the same checksums as a native backup's, and
 * the backup verifies and restores. No Docker engine runs here: a stand-in {@code docker} first on
 * PATH runs what {@code docker exec} is asked to run, on this machine.
 */
class DumpBackupIT {
    private static final String PASSWORD = "Dk" + java.util.UUID.randomUUID().toString().replace("-", "");

    @TempDir
    Path dir;

    private CliRun run(Map<String, String> env, String... args) {
        return CliRun.inProcess(dir, env, args);
    }

    private static Map<String, String> path() {
        return Map.of("PATH", System.getenv("PATH"));
    }

    private static String chinook15(String prefix) {
        return SharedPostgres.pg15().createFrom("chinook_for_backup", c -> {
            try {
                Chinook.loadIntoPostgres(c);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, prefix);
    }

    @Test
    void aPgDumpBackupListsTheChecksumsOfANativeOneThenVerifiesAndRestoresInto17() throws Exception {
        SharedPostgres pg15 = SharedPostgres.pg15();
        String source = pg15.url(chinook15("dump15"));
        assertThat(run(path(), "backup", "--url", source, "--out", "native").exit()).isZero();
        CliRun dump = run(path(), "backup", "--url", source, "--out", "dumps", "--format", "pg_dump");
        assertThat(dump.exit()).as(dump.all()).isZero();
        assertThat(dump.out()).contains("Backed up", "11 tables, 15607 rows", "PostgreSQL 15.");
        Path taken = only(dir.resolve("dumps"));
        assertThat(taken.resolve("dump.pgdump")).isNotEmptyFile();
        assertThat(taken.resolve("README.txt")).content().contains("pg_restore --no-owner --exit-on-error -d NEWDB dump.pgdump");
        Manifest m = Manifest.read(taken);
        assertThat(m.format()).isEqualTo("pg_dump");
        assertThat(m.serverMajor()).isEqualTo(15);
        assertThat(checksums(m)).as("a native and a pg_dump backup of one database list equal rows and checksums")
                .isEqualTo(checksums(Manifest.read(only(dir.resolve("native"))))).hasSize(11);

        CliRun verify = run(path(), "backup", "verify", taken.toString(), "--scratch", pg15.url("postgres"));
        assertThat(verify.exit()).as(verify.all()).isZero();
        assertThat(verify.out()).contains("public.track", "Verified");
        CliRun list = run(Map.of(), "backup", "list", "--out", "dumps");
        assertThat(list.out()).contains(taken.getFileName().toString(), "pg_dump", "yes");
        assertThat(run(Map.of(), "backup", "list", "--out", "native").out()).contains("native");

        Path damaged = Files.createDirectories(dir.resolve("damaged"));
        Files.copy(taken.resolve("manifest.json"), damaged.resolve("manifest.json"));
        byte[] bytes = Files.readAllBytes(taken.resolve("dump.pgdump"));
        Files.write(damaged.resolve("dump.pgdump"), java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
        CliRun broken = run(path(), "backup", "verify", damaged.toString(), "--scratch", pg15.url("postgres"));
        assertThat(broken.exit()).as(broken.all()).isEqualTo(1);
        assertThat(broken.out()).contains("pg_restore", "Verification failed");

        String target = TestPostgres.createDatabase("fromdump");
        CliRun restore = run(path(), "restore", taken.toString(), "--url", TestPostgres.url(target));
        assertThat(restore.exit()).as(restore.all()).isZero();
        assertThat(restore.out()).contains("Restored", "11 tables, 15607 rows", "equal to the manifest");
        CliRun again = run(path(), "restore", taken.toString(), "--url", TestPostgres.url(target));
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("not empty", "nothing was changed");
        CliRun clean = run(path(), "restore", taken.toString(), "--url", TestPostgres.url(target), "--clean");
        assertThat(clean.exit()).as(clean.all()).isZero();
        assertThat(clean.all()).contains("safety backup of", "Restored", "11 tables, 15607 rows");
    }

    @Test
    void whenNoInstalledPgDumpCanReadTheServerTheErrorNamesTheVersionsAndWhatToDo() {
        assumeThat(new dev.ferry.backup.ClientTools(path()).versions("pg_dump")).as("this machine's pg_dump cannot read PostgreSQL 17")
                .allSatisfy(f -> assertThat(f.major()).isLessThan(17));
        String source = TestPostgres.url(TestPostgres.createDatabase("dump17"));
        CliRun dump = run(path(), "backup", "--url", source, "--format", "pg_dump");
        assertThat(dump.exit()).as(dump.all()).isEqualTo(2);
        assertThat(dump.err()).contains("no pg_dump here can dump a PostgreSQL 17 server", "found pg_dump 15.", "native backup",
                "postgresql-client-17").doesNotContain("Exception");
        assertThat(dir.resolve("backups")).as("refused before anything was written").doesNotExist();
    }

    /** Must-show 5: {@code backup --url docker://c/db} produces a backup whose verification passes; the password stays off every command line. */
    @Test
    void aBackupThroughADockerUrlRunsPgDumpInTheContainerAndVerifies() throws Exception {
        SharedPostgres pg15 = SharedPostgres.pg15();
        String db = chinook15("docker15");
        Path bin = standInDocker(dir.resolve("bin"), pg15.port());
        Map<String, String> env = Map.of("PATH", bin + ":" + System.getenv("PATH"));
        CliRun backup = run(env, "backup", "--url", "docker://postgres:" + PASSWORD + "@c/" + db, "--out", "docker", "--scratch", pg15.url("postgres"));
        assertThat(backup.exit()).as(backup.all()).isZero();
        assertThat(backup.out()).contains("docker://postgres:***@c/" + db, "11 tables, 15607 rows", "PostgreSQL 15.");
        Path taken = only(dir.resolve("docker"));
        assertThat(Manifest.read(taken).format()).isEqualTo("pg_dump");

        CliRun verify = run(env, "backup", "verify", taken.toString());
        assertThat(verify.exit()).as(verify.all()).isZero();
        assertThat(verify.out()).contains("Verified");
        String argv = Files.readString(bin.resolve("argv.log"));
        assertThat(argv).contains("exec -i -e PGPASSWORD c pg_dump --format=custom", "--username=postgres", "PGPASSWORD in the environment: yes")
                .doesNotContain(PASSWORD);
        assertThat(backup.all() + verify.all()).doesNotContain(PASSWORD);
    }

    /**
     * A stand-in for the Docker CLI: records its arguments, then runs what {@code docker exec [-i]
     * [-e VAR]… CONTAINER} is asked to run on this machine, against the server on {@code port};
     * {@code docker start|stop|restart NAME} are recorded in containers.log, as a cutover plan's app steps.
     */
    static Path standInDocker(Path bin, int port) throws Exception {
        Files.createDirectories(bin);
        Path docker = bin.resolve("docker");
        Files.writeString(docker, """
                #!/bin/sh
                log="$(dirname "$0")/argv.log"
                echo "$*" >> "$log"
                echo "PGPASSWORD in the environment: ${PGPASSWORD:+yes}" >> "$log"
                case "$1" in start|stop|restart) echo "$1 $2" >> "$(dirname "$0")/containers.log"; echo "$2"; exit 0 ;; esac
                [ "$1" = exec ] || { echo "stand-in docker runs only exec, start, stop and restart" >&2; exit 125; }
                shift
                while [ $# -gt 0 ]; do
                  case "$1" in
                    -i) shift ;;
                    -e) shift 2 ;;
                    *) break ;;
                  esac
                done
                shift
                PGHOST=localhost PGPORT=%d exec "$@"
                """.formatted(port));
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    static Path only(Path parent) throws java.io.IOException {
        try (Stream<Path> dirs = Files.list(parent)) {
            return dirs.findFirst().orElseThrow();
        }
    }

    static Map<String, String> checksums(Manifest m) {
        return m.tables().stream().collect(Collectors.toMap(Manifest.TableEntry::qualifiedName, t -> t.rows() + ":" + t.checksum()));
    }
}
