package dev.ferry.server;

import dev.ferry.error.FerryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeysTest {
    private static final String OPS_KEY = "ops-key-0123456789abcdef";
    private static final String VIEWER_KEY = "viewer-key-0123456789abcdef";

    @Test
    void findsEachKeyOfTheEnvironmentWithItsNameAndRole() {
        ApiKeys keys = ApiKeys.fromEnvironment("ops:run:" + OPS_KEY + ", viewer:read:" + VIEWER_KEY);

        assertThat(keys.find(OPS_KEY)).hasValueSatisfying(k -> {
            assertThat(k.name()).isEqualTo("ops");
            assertThat(k.role()).isEqualTo(Role.RUN);
        });
        assertThat(keys.find(VIEWER_KEY)).hasValueSatisfying(k -> assertThat(k.role()).isEqualTo(Role.READ));
        assertThat(keys.find(OPS_KEY + "x")).isEmpty();
        assertThat(keys.find("")).isEmpty();
    }

    @Test
    void aKeysFileHoldsHashesAndAcceptsTheKeysBehindThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, "# ferry serve keys\nops:run:" + ApiKeys.hashHex(OPS_KEY) + "\n\nviewer:read:" + ApiKeys.hashHex(VIEWER_KEY) + "\n");

        ApiKeys keys = ApiKeys.fromFile(file);

        assertThat(keys.find(OPS_KEY)).hasValueSatisfying(k -> assertThat(k.name()).isEqualTo("ops"));
        assertThat(keys.find(VIEWER_KEY)).hasValueSatisfying(k -> assertThat(k.name()).isEqualTo("viewer"));
        assertThat(keys.find(ApiKeys.hashHex(OPS_KEY))).as("the hash itself is not a key").isEmpty();
    }

    @Test
    void hashHexIsTheSha256OfTheKey() {
        assertThat(ApiKeys.hashHex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aBadEntryIsNamedByPositionAndNameButNeverShowsTheKey() {
        assertBad("ops:admin:" + OPS_KEY, "entry 1 (ops)", "neither read nor run");
        assertBad("viewer:read:" + VIEWER_KEY + "," + OPS_KEY, "entry 2 ", "is not NAME:ROLE:KEY");
        assertBad("ops:run:k3y9", "entry 1 (ops)", "shorter than 16");
        assertBad("ops:run:" + OPS_KEY + ",ops:read:" + VIEWER_KEY, "entry 2 (ops)", "repeats the name");
        assertBad("bad name:read:" + VIEWER_KEY, "entry 1 ", "no valid name");
        assertBad("", "entry 1 ", "is not NAME:ROLE:KEY");
    }

    @Test
    void aKeysFileWithAPlainKeyIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, "ops:run:" + OPS_KEY + "\n");

        assertThatThrownBy(() -> ApiKeys.fromFile(file))
                .isInstanceOf(FerryException.class)
                .hasMessageContaining("entry 1 (ops)").hasMessageContaining("SHA-256")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(OPS_KEY))
                .satisfies(e -> assertThat(((FerryException) e).exitCode().code()).isEqualTo(2));
    }

    @Test
    void aMissingKeysFileSaysSo(@TempDir Path dir) {
        assertThatThrownBy(() -> ApiKeys.fromFile(dir.resolve("nope")))
                .isInstanceOf(FerryException.class).hasMessageContaining("does not exist");
    }

    private static void assertBad(String value, String names, String problem) {
        assertThatThrownBy(() -> ApiKeys.fromEnvironment(value))
                .isInstanceOf(FerryException.class)
                .hasMessageContaining(names).hasMessageContaining(problem)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(OPS_KEY).doesNotContain(VIEWER_KEY).doesNotContain("k3y9"))
                .satisfies(e -> assertThat(((FerryException) e).exitCode().code()).isEqualTo(2));
    }
}
