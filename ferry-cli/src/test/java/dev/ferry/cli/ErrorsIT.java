package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Ordinary mistakes: one clear line and a hint, the exit code of the contract, no stack trace. */
class ErrorsIT {
    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.inProcess(dir, Map.of(), args);
    }

    private static void assertOneClearError(CliRun run, int exit, String... fragments) {
        assertThat(run.exit()).as(run.all()).isEqualTo(exit);
        assertThat(run.err()).startsWith("error: ").contains(fragments).contains("\nhint: ");
        assertThat(run.err()).doesNotContain("\tat ", "Exception");
    }

    @Test
    void unknownUrlFormIsAUsageErrorListingTheAcceptedForms() {
        assertOneClearError(run("inspect", "--url", "nonsense://"), 2,
                "'nonsense://'", "postgres://", "mysql://", "sqlite:PATH", "embedded:postgres", "docker://", "mongodb://");
    }

    @Test
    void unreachableServerExitsThreeNamingHostAndPort() {
        assertOneClearError(run("doctor", "--url", "postgres://app:S3cretPw@127.0.0.1:1/x"), 3, "127.0.0.1:1", "connection refused");
    }

    @Test
    void wrongPasswordExitsThreeWithAuthenticationFailed() {
        TestPostgres.createPasswordUser("right-" + UUID.randomUUID());
        String wrong = "wrong-" + UUID.randomUUID();
        CliRun run = run("doctor", "--url", "postgres://" + TestPostgres.PASSWORD_USER + ":" + wrong + "@localhost:" + TestPostgres.port() + "/postgres");
        assertOneClearError(run, 3, "authentication failed for user '" + TestPostgres.PASSWORD_USER + "'");
        assertThat(run.all()).doesNotContain(wrong);
    }

    @Test
    void unknownDatabaseAndUnknownHostExitThree() {
        assertOneClearError(run("inspect", "--url", TestPostgres.url("nope")), 3, "database 'nope' does not exist");
        assertOneClearError(run("inspect", "--url", "postgres://u@no-such-host.invalid/x"), 3, "unknown host");
        assertOneClearError(run("inspect", "--url", "sqlite:" + dir.resolve("typo.db")), 3, "typo.db does not exist");
    }

    @Test
    void noDatabaseIsAUsageErrorThatSaysWhereAUrlComesFrom() {
        assertOneClearError(run("inspect"), 2, "no database given");
        assertThat(run("inspect").err()).contains("--url", "FERRY_URL", "DATABASE_URL");
    }

    @Test
    void missingAndMalformedFilesNameFileLineAndColumn() throws Exception {
        assertOneClearError(run("--config", "nope.yaml", "inspect"), 2, "nope.yaml does not exist");
        assertOneClearError(run("--env-file", "nope.env", "inspect"), 2, "nope.env does not exist");
        Files.writeString(dir.resolve("ferry.yaml"), "environments:\n  dev: { url: \"sqlite:x\"\n  prod: [\n");
        assertOneClearError(run("inspect", "--env", "dev"), 2, "ferry.yaml line ", ", column ", "not valid YAML");
        Files.writeString(dir.resolve("ferry.yaml"), "environments:\n  dev: { url: \"sqlite:x\", protect: true }\n");
        assertOneClearError(run("inspect", "--env", "dev"), 2, "ferry.yaml line 2, column 27: unknown key 'protect'");
    }

    @Test
    void unknownCommandsAndOptionsAreUsageErrors() {
        CliRun unknown = run("frobnicate");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unmatched argument", "frobnicate");
        assertThat(run("inspect", "--no-such-flag").exit()).isEqualTo(2);
        CliRun none = run();
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("name a command");
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRun run = run("-v", "inspect", "--url", "postgres://app@127.0.0.1:1/x");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("error: cannot connect", "\tat ");
    }

    @Test
    void jsonErrorsAreOneDocumentWithCodeAndHint() throws Exception {
        CliRun run = run("inspect", "--json", "--url", "postgres://app@127.0.0.1:1/x");
        assertThat(run.exit()).isEqualTo(3);
        JsonNode error = new ObjectMapper().readTree(run.out()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("CONNECT");
        assertThat(error.get("exitCode").asInt()).isEqualTo(3);
        assertThat(error.get("message").asText()).contains("127.0.0.1:1");
        assertThat(error.get("hint").asText()).isNotBlank();
    }

    @Test
    void helpListsOnlyCommandsThatWork() {
        CliRun help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("migrate", "status", "check", "repair", "baseline", "undo", "adopt", "diff", "inspect", "doctor", "--config", "--env-file", "--env", "--json", "--quiet", "--no-color", "--yes", "--version")
                .contains("\n  backup", "\n  restore", "\n  validate", "\n  copy", "\n  data")
                .contains("\n  serve", "\n  demo").contains("${VAR}").doesNotContain("$${VAR}");
        assertThat(run("--version").out()).startsWith("ferry ");
    }

    @Test
    void quietPrintsNothingButStillExitsWithTheResult() throws Exception {
        Path db = dev.ferry.testkit.Chinook.sqliteCopy(dir);
        CliRun run = run("--quiet", "inspect", "--url", "sqlite:" + db);
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEmpty();
    }
}
