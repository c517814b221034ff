package dev.ferry.cli;

import dev.ferry.testkit.TestMariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A MySQL URL that names no database: migration commands say so instead of "database null" or a SQL error. */
class ServerUrlWithoutDatabaseIT {
    @TempDir
    Path dir;

    @Test
    void migrationCommandsNeedADatabaseInTheUrl() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        String url = TestMariaDb.url("").replaceFirst("/$", "");
        for (String command : new String[] {"status", "migrate"}) {
            CliRun run = CliRun.inProcess(dir, Map.of(), command, "--url", url);
            assertThat(run.exit()).as("ferry %s: %s", command, run.all()).isEqualTo(2);
            assertThat(run.err()).contains("names no database", "hint: ", "/DB").doesNotContain("null");
        }
        CliRun inspect = CliRun.inProcess(dir, Map.of(), "inspect", "--url", url);
        assertThat(inspect.exit()).as(inspect.all()).isZero();
        assertThat(inspect.out()).contains("no database selected").doesNotContain("database null");
    }
}
