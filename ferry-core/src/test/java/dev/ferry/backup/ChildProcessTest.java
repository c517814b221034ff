package dev.ferry.backup;

import dev.ferry.error.FerryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A client tool's secret reaches it through its environment, and what it says on failure comes back masked. */
class ChildProcessTest {
    @TempDir
    Path dir;

    @Test
    void theSecretIsInTheChildsEnvironmentAndMaskedInWhatItSaysOnFailure() throws Exception {
        Path out = dir.resolve("out");
        new ChildProcess(List.of("/bin/sh", "-c", "echo \"$PGPASSWORD\""), Map.of("PGPASSWORD", "s3cretValue"), List.of("s3cretValue"))
                .runInto(out, "echo");
        assertThat(out).content().isEqualToIgnoringNewLines("s3cretValue");

        FerryException e = catchThrowableOfType(FerryException.class, () -> new ChildProcess(
                List.of("/bin/sh", "-c", "echo \"password $PGPASSWORD rejected for postgres://u:$PGPASSWORD@h/db\" >&2; exit 3"),
                Map.of("PGPASSWORD", "s3cretValue"), List.of("s3cretValue")).runInto(dir.resolve("out2"), "the tool"));
        assertThat(e.exitCode().code()).isEqualTo(4);
        assertThat(e.getMessage()).startsWith("the tool failed (exit 3): password *** rejected").doesNotContain("s3cretValue");
    }
}
