package dev.ferry.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** --lock-timeout out of range is a usage error in words, not an overflow reported as a bug. */
class LockTimeoutOptionIT {
    @TempDir
    Path dir;

    @Test
    void aHugeLockTimeoutIsAUsageErrorNamingTheRange() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        String url = "sqlite:" + dir.resolve("app.db") + "?create=true";
        for (String command : new String[] {"migrate", "repair", "status"}) {
            CliRun run = CliRun.inProcess(dir, Map.of(), command, "--url", url, "--lock-timeout", "99999999999");
            assertThat(run.exit()).as("ferry %s: %s", command, run.all()).isEqualTo(2);
            assertThat(run.err()).contains("--lock-timeout must be from 0 to 86400 seconds", "99999999999", "hint: ")
                    .doesNotContain("bug in Ferry", "Exception");
        }
        assertThat(CliRun.inProcess(dir, Map.of(), "migrate", "--url", url, "--lock-timeout", "86400").exit()).isZero();
    }
}
