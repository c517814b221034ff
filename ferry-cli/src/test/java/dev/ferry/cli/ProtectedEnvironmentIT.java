package dev.ferry.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A protected environment (ferry.yaml {@code protected: true}) is written only after the user types
 * its name on a terminal or passes --yes; a run that can do neither is refused before it connects.
 */
class ProtectedEnvironmentIT {
    /** Arguments a writing command needs besides the environment, so that only protection stops it. */
    private static final Map<String, List<String>> ARGS = Map.of("baseline", List.of("--version", "1"), "adopt", List.of("flyway"),
            "restore", List.of("backups/any"), "copy", List.of("--from", "dev", "--to", "prod"), "data skip", List.of("1"), "data reset", List.of("1"),
            "data down", List.of("1"));

    @TempDir
    Path dir;
    private Path db;

    @BeforeEach
    void workspace() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__create_users.sql"), "CREATE TABLE users (id INT PRIMARY KEY);\n");
        db = dir.resolve("prod.db");
        Files.writeString(dir.resolve("ferry.yaml"), """
                environments:
                  dev:  { url: "sqlite:%s?create=true" }
                  prod: { url: "sqlite:%s?create=true", protected: true }
                """.formatted(dir.resolve("dev.db"), db));
    }

    /** With a run key for ferry serve, which writes whenever that key asks. */
    private CliRun run(String... args) {
        return CliRun.inProcess(dir, Map.of("FERRY_API_KEYS", "ops:run:" + ServeAuthIT.RUN_KEY), args);
    }

    @Test
    void everyWritingCommandIsRefusedWithoutYesWhenNotOnATerminal() {
        List<String> writers = writingCommands();
        assertThat(writers).containsExactlyInAnyOrder("migrate", "repair", "baseline", "adopt", "undo", "restore", "copy", "env claim", "data run",
                "data skip", "data reset", "data down", "serve");
        for (String command : writers) {
            String[] args = Stream.of(Stream.of(command.split(" ")), Stream.of("--env", "prod"), ARGS.getOrDefault(command, List.of()).stream())
                    .flatMap(s -> s).toArray(String[]::new);
            CliRun run = run(args);
            assertThat(run.exit()).as("ferry %s: %s", String.join(" ", args), run.all()).isEqualTo(2);
            assertThat(run.err()).as("ferry %s", String.join(" ", args))
                    .startsWith("error: environment 'prod' is protected: ferry " + command + " writes to it")
                    .contains("hint: ", "--yes", "terminal");
            assertThat(db).as("ferry %s did not even connect", command).doesNotExist();
        }
    }

    @Test
    void yesOrTheTypedNameLetsTheWriteThrough() {
        CliRun typedWrong = CliRun.onTerminal(dir, Map.of(), "prd\n", "migrate", "--env", "prod");
        assertThat(typedWrong.exit()).as(typedWrong.all()).isEqualTo(2);
        assertThat(typedWrong.err()).contains("Type its name to go on", "'prd' is not 'prod'", "nothing was changed");
        assertThat(db).doesNotExist();

        CliRun typed = CliRun.onTerminal(dir, Map.of(), "prod\n", "migrate", "--env", "prod");
        assertThat(typed.exit()).as(typed.all()).isZero();
        assertThat(typed.out()).contains("applied V1 create users");

        CliRun yes = run("repair", "--env", "prod", "--yes");
        assertThat(yes.exit()).as(yes.all()).isZero();
    }

    @Test
    void readingAndDryRunsNeedNoConfirmationAndUnprotectedEnvironmentsNone() {
        assertThat(run("migrate", "--env", "prod", "--dry-run").exit()).isZero();
        assertThat(run("status", "--env", "prod").exit()).isZero();
        assertThat(run("check", "--env", "prod").exit()).isZero();
        assertThat(run("migrate", "--env", "dev").exit()).isZero();
    }

    @Test
    void aRehearsalTakesTheProductionLocksSoItAsksToo() {
        CliRun run = run("migrate", "--env", "prod", "--rehearse");
        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("is protected");
    }

    @Test
    void theProtectedDatabaseReachedThroughAUrlIsProtectedToo() {
        CliRun run = CliRun.inProcess(dir, Map.of("DATABASE_URL", "sqlite:" + db + "?create=true"), "migrate");
        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("environment 'prod' is protected");
        assertThat(run("migrate", "--url", "sqlite:" + db + "?create=true").exit()).isEqualTo(2);
    }

    /** Every command and subcommand (as "env claim") that declares it writes, today's and those added later. */
    static List<String> writingCommands(Path dir) {
        List<String> names = new ArrayList<>();
        collectWriters(new FerryCli(Map.of(), dir, System.out, System.err, false).commandLine(), "", names);
        return names;
    }

    private List<String> writingCommands() {
        return writingCommands(dir);
    }

    private static void collectWriters(CommandLine command, String path, List<String> into) {
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals(sub.getCommandName())) {
                return; // an alias of a command already listed
            }
            String qualified = path.isEmpty() ? name : path + " " + name;
            if (sub.getCommandSpec().userObject() instanceof WritesDatabase) {
                into.add(qualified);
            }
            collectWriters(sub, qualified, into);
        });
    }
}
