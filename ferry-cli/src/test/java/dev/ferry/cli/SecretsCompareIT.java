package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ferry secrets compare}: the table, the JSON and the exit codes, fingerprints only. */
class SecretsCompareIT {
    private static final String AUTH = "auth-v4lue-kept-on-both";
    private static final String OLD_JWT = "jwt-0ld-server-v4lue";
    private static final String NEW_JWT = "jwt-n3w-server-v4lue";

    @TempDir
    Path dir;

    @BeforeEach
    void envFiles() throws Exception {
        Files.createDirectories(dir.resolve("old"));
        Files.writeString(dir.resolve("old/.env"), "# the old server\nNEXTAUTH_SECRET=" + AUTH + "\nJWT_SECRET=" + OLD_JWT + "\nSMTP_KEY=smtp-0nly-old\n");
        Files.writeString(dir.resolve(".env"), "JWT_SECRET=" + NEW_JWT + "\nNEXTAUTH_SECRET=\"" + AUTH + "\"\n");
    }

    private CliRun run(String... args) {
        return CliRun.inProcess(dir, Map.of(), args);
    }

    @Test
    void aTableOfFingerprintsAndExitOneWhenAKeyDiffers() {
        CliRun run = run("secrets", "compare", "old/.env", ".env", "--keys", "NEXTAUTH_SECRET,JWT_SECRET");

        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.out()).containsPattern("NEXTAUTH_SECRET +([0-9a-f]{8}) +\\1 +same\n")
                .containsPattern("JWT_SECRET +[0-9a-f]{8} +[0-9a-f]{8} +different\n")
                .contains("2 keys: 1 same, 1 different, 0 missing · the secrets do not match", "fingerprint.key")
                .doesNotContain("SMTP_KEY");
        assertThat(run.all()).doesNotContain(AUTH, OLD_JWT, NEW_JWT, "***");
        assertThat(dir.resolve(".ferry/fingerprint.key")).as("the key is kept in the workspace").hasSize(32);
    }

    @Test
    void exitZeroWhenEveryComparedKeyIsTheSame() {
        CliRun run = run("secrets", "compare", "old/.env", ".env", "--keys", "NEXTAUTH_SECRET");
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).contains("1 key: 1 same, 0 different, 0 missing · the secrets match");
    }

    @Test
    void withoutKeysEveryKeyOfEitherFileAndOneMissingFromTheNewFile() {
        CliRun run = run("secrets", "compare", "old/.env", ".env");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).containsPattern("SMTP_KEY +[0-9a-f]{8} +- +missing in .*\\.env\n").contains("3 keys: 1 same, 1 different, 1 missing");
    }

    @Test
    void aKeyNeitherFileSetsIsReportedMissingNotRefused() {
        CliRun run = run("secrets", "compare", "old/.env", ".env", "--keys", "NEXTAUTH_SECRET,NEXTAUTH_SECERT");
        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.out()).containsPattern("NEXTAUTH_SECERT +- +- +missing in both\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void jsonIsTheResultRecordWithFingerprintsOnly() throws Exception {
        CliRun text = run("secrets", "compare", "old/.env", ".env", "--keys", "JWT_SECRET,NEXTAUTH_SECRET,SMTP_KEY");
        for (CliRun run : new CliRun[] {run("--json", "secrets", "compare", "old/.env", ".env", "--keys", "JWT_SECRET,NEXTAUTH_SECRET,SMTP_KEY"),
                run("secrets", "compare", "old/.env", ".env", "--keys", "JWT_SECRET,NEXTAUTH_SECRET,SMTP_KEY", "--json")}) {
            assertThat(run.exit()).as(run.all()).isEqualTo(1);
            JsonNode result = new ObjectMapper().readTree(run.out());
            assertThat(result.get("a").asText()).endsWith("old/.env");
            assertThat(result.get("fingerprintKey").asText()).endsWith(".ferry/fingerprint.key");
            JsonNode keys = result.get("keys");
            assertThat(keys).hasSize(3);
            assertThat(keys.get(0).get("key").asText()).isEqualTo("JWT_SECRET");
            assertThat(keys.get(0).get("state").asText()).isEqualTo("DIFFERENT");
            assertThat(keys.get(1).get("state").asText()).isEqualTo("SAME");
            assertThat(keys.get(1).get("fingerprintA").asText()).isEqualTo(keys.get(1).get("fingerprintB").asText()).matches("[0-9a-f]{8}");
            assertThat(text.out()).as("the same fingerprints as the table").contains(keys.get(0).get("fingerprintA").asText());
            assertThat(keys.get(2).get("state").asText()).isEqualTo("MISSING");
            assertThat(keys.get(2).get("missingIn").asText()).isEqualTo("B");
            assertThat(keys.get(2).get("fingerprintB").isNull()).isTrue();
            assertThat(run.all()).doesNotContain(AUTH, OLD_JWT, NEW_JWT, "smtp-0nly-old", "***");
        }
    }

    @Test
    void aMissingFileOrABadLineIsAUsageErrorNamingFileLineAndColumn() throws Exception {
        CliRun missing = run("secrets", "compare", "old/.env", "nope.env");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).startsWith("error: ").contains("nope.env does not exist", "hint: ");

        Files.writeString(dir.resolve("bad.env"), "OK=1\nJWT_SECRET='" + NEW_JWT + "\n");
        CliRun bad = run("secrets", "compare", "old/.env", "bad.env");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("bad.env line 2, column 12", "quote").doesNotContain(NEW_JWT, "Exception");

        CliRun json = run("--json", "secrets", "compare", "old/.env", "bad.env");
        assertThat(new ObjectMapper().readTree(json.out()).get("error").get("exitCode").asInt()).isEqualTo(2);
        assertThat(json.all()).doesNotContain(NEW_JWT);
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("secrets", "compare", "old/.env").exit()).isEqualTo(2);
        CliRun group = run("secrets");
        assertThat(group.exit()).isEqualTo(2);
        assertThat(group.err()).contains("ferry secrets compare");
    }

    /** As a user runs it: the built jar, paths as typed, and the same fingerprints from one run to the next under the workspace's key. */
    @Test
    void theBuiltJarPrintsTheSameFingerprintsOnEveryRun() {
        CliRun first = CliRun.process(dir, Map.of(), "secrets", "compare", "old/.env", ".env", "--keys", "NEXTAUTH_SECRET,JWT_SECRET");
        CliRun second = CliRun.process(dir, Map.of(), "secrets", "compare", "old/.env", ".env", "--keys", "NEXTAUTH_SECRET,JWT_SECRET");
        assertThat(first.exit()).as(first.all()).isEqualTo(1);
        assertThat(first.out()).startsWith("key              old/.env  .env\n").isEqualTo(second.out());
        assertThat(first.all()).doesNotContain(AUTH, OLD_JWT, NEW_JWT);
    }
}
