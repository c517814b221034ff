package dev.ferry.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, must-show 5: a database remembers the environment that wrote to it. A laptop whose
 * ferry.yaml points its {@code dev} at the database that the team's {@code staging} has used is
 * refused by every command that writes, naming both, with the database as it was; both marked
 * {@code shared: true} may; {@code ferry env claim} hands the database over; reading only warns.
 * Two ferry.yaml files, as in life: the team's (staging) and the laptop's (dev).
 */
class WrongDatabaseIT {
    /** Arguments a writing command needs besides the environment; the refusal comes before any of them is read. */
    private static final Map<String, List<String>> ARGS = Map.of("baseline", List.of("--version", "1"), "adopt", List.of("flyway"),
            "restore", List.of("backups/any", "--clean"), "repair", List.of("--accept-edits"), "data skip", List.of("1"), "data reset", List.of("1"),
            "data down", List.of("1"));

    @TempDir
    Path dir;

    private Path team;
    private Path laptop;

    private CatalogueDatabase workspaces(String kind, String teamSettings, String laptopSettings) throws Exception {
        CatalogueDatabase db = CatalogueDatabase.create(kind, dir, "envguard");
        String url = kind.equals("sqlite") ? db.url() + "?create=true" : db.url();
        team = workspace("team", "staging", url, teamSettings);
        laptop = workspace("laptop", "dev", url, laptopSettings);
        return db;
    }

    private Path workspace(String name, String environment, String url, String settings) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(home.resolve("migrations"));
        Files.writeString(home.resolve("migrations/V1__create_users.sql"), "CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(200));\n");
        Files.writeString(home.resolve("migrations/V2__add_name.sql"), "ALTER TABLE users ADD COLUMN name VARCHAR(100);\n");
        Files.writeString(home.resolve("ferry.yaml"), "environments:\n  " + environment + ": { url: \"" + url + "\"" + settings + " }\n");
        return home;
    }

    private static CliRun run(Path home, String... args) {
        return CliRun.inProcess(home, Map.of("HOSTNAME", home.getFileName() + "-host", "FERRY_API_KEYS", "ops:run:" + ServeAuthIT.RUN_KEY), args);
    }

    /** The environments the database has recorded, as "name shared host". */
    private static List<String> recorded(CatalogueDatabase db) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT name, shared, host FROM ferry_environment ORDER BY name")) {
            while (r.next()) {
                rows.add(r.getString(1) + " " + r.getBoolean(2) + " " + r.getString(3));
            }
        }
        return rows;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgres", "mariadb", "sqlite"})
    void everyWritingCommandOfDevIsRefusedOnTheDatabaseStagingHasUsed(String kind) throws Exception {
        CatalogueDatabase db = workspaces(kind, "", "");
        CliRun staging = run(team, "migrate", "--env", "staging", "--target", "1");
        assertThat(staging.exit()).as(staging.all()).isZero();
        assertThat(recorded(db)).containsExactly("staging false team-host");
        String before = db.fingerprint(false);

        List<String> writers = new ArrayList<>(ProtectedEnvironmentIT.writingCommands(dir));
        assertThat(writers).contains("migrate", "repair", "baseline", "adopt", "undo", "restore", "copy");
        writers.remove("env claim"); // the one write that is for this: tested below
        for (String command : writers) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            if (command.equals("copy")) {
                args.addAll(List.of("--from", TestPostgres.url("postgres"), "--to", "dev", "--data-only", "--truncate"));
            } else {
                args.addAll(List.of("--env", "dev"));
            }
            args.addAll(ARGS.getOrDefault(command, List.of()));
            CliRun dev = run(laptop, args.toArray(String[]::new));
            assertThat(dev.exit()).as("ferry %s: %s", args, dev.all()).isEqualTo(2);
            assertThat(dev.err()).as("ferry %s", args)
                    .startsWith("error: ferry " + command + " refused: ")
                    .contains("belongs to environment 'staging'", "from team-host", "this run is environment 'dev'", "nothing was changed",
                            "hint: point environment 'dev' at its own database", "shared: true", "ferry env claim dev --yes");
            assertThat(db.fingerprint(false)).as("ferry %s changed nothing", args).isEqualTo(before);
        }
        CliRun json = run(laptop, "--json", "migrate", "--env", "dev");
        assertThat(json.exit()).isEqualTo(2);
        assertThat(new ObjectMapper().readTree(json.out()).at("/error/code").asText()).as(json.all()).isEqualTo("WRONG_ENVIRONMENT");

        CliRun teamAgain = run(team, "migrate", "--env", "staging");
        assertThat(teamAgain.exit()).as("staging itself goes on: %s", teamAgain.all()).isZero();
        assertThat(teamAgain.out()).contains("applied V2");
    }

    @Test
    void aCommandThatOnlyReadsWarnsAndIsNotRefused() throws Exception {
        CatalogueDatabase db = workspaces("postgres", "", "");
        assertThat(run(team, "migrate", "--env", "staging").exit()).isZero();
        String before = db.fingerprint(false);
        for (String command : List.of("status", "check", "inspect")) {
            CliRun read = run(laptop, command, "--env", "dev");
            assertThat(read.exit()).as("ferry %s: %s", command, read.all()).isZero();
            assertThat(read.err()).as("ferry %s", command).contains("warning: ", "/" + db.name() + " belongs to environment 'staging', not 'dev'")
                    .contains("belongs to environment 'staging', not 'dev'", "commands that write are refused here");
        }
        CliRun own = run(team, "status", "--env", "staging");
        assertThat(own.err()).as("the environment that owns it is not warned").doesNotContain("warning");
        assertThat(db.fingerprint(false)).isEqualTo(before);
    }

    @Test
    void bothMarkedSharedMayWriteAndAThirdThatIsNotIsRefused() throws Exception {
        CatalogueDatabase db = workspaces("postgres", ", shared: true", ", shared: true");
        assertThat(run(team, "migrate", "--env", "staging", "--target", "1").exit()).isZero();
        CliRun dev = run(laptop, "migrate", "--env", "dev");
        assertThat(dev.exit()).as(dev.all()).isZero();
        assertThat(dev.out()).contains("applied V2");
        assertThat(recorded(db)).containsExactly("dev true laptop-host", "staging true team-host");

        Path qa = workspace("qa", "qa", db.url(), "");
        CliRun notShared = run(qa, "repair", "--env", "qa");
        assertThat(notShared.exit()).as(notShared.all()).isEqualTo(2);
        assertThat(notShared.err()).contains("belongs to environment 'dev', 'staging'", "is marked shared: true, 'qa' is not");
    }

    @Test
    void aSharedDatabaseIsJoinedOnlyByAnotherSharedEnvironment() throws Exception {
        CatalogueDatabase db = workspaces("postgres", ", shared: true", "");
        assertThat(run(team, "migrate", "--env", "staging").exit()).isZero();
        CliRun dev = run(laptop, "migrate", "--env", "dev");
        assertThat(dev.exit()).as(dev.all()).isEqualTo(2);
        assertThat(dev.err()).contains("'staging' is marked shared: true, 'dev' is not");

        workspaces("postgres", "", ", shared: true");
        assertThat(run(team, "migrate", "--env", "staging").exit()).isZero();
        CliRun sharedDev = run(laptop, "migrate", "--env", "dev");
        assertThat(sharedDev.exit()).as("staging did not say shared: %s", sharedDev.all()).isEqualTo(2);
        assertThat(sharedDev.err()).contains("'staging' is not marked shared: true");
    }

    @Test
    void envClaimHandsTheDatabaseOverOnlyWhenConfirmed() throws Exception {
        CatalogueDatabase db = workspaces("postgres", "", "");
        assertThat(run(team, "migrate", "--env", "staging", "--target", "1").exit()).isZero();
        String before = db.fingerprint(false);

        CliRun unconfirmed = run(laptop, "env", "claim", "dev");
        assertThat(unconfirmed.exit()).as(unconfirmed.all()).isEqualTo(2);
        assertThat(unconfirmed.err()).contains("ferry env claim takes", "from environment 'staging'", "not on a terminal", "--yes");
        CliRun typedWrong = CliRun.onTerminal(laptop, Map.of(), "staging\n", "env", "claim", "dev");
        assertThat(typedWrong.exit()).isEqualTo(2);
        assertThat(typedWrong.err()).contains("Type its name to go on", "'staging' is not 'dev'");
        assertThat(db.fingerprint(false)).isEqualTo(before);

        CliRun typed = CliRun.onTerminal(laptop, Map.of("HOSTNAME", "laptop-host"), "dev\n", "env", "claim", "dev");
        assertThat(typed.exit()).as(typed.all()).isZero();
        assertThat(typed.out()).contains("now belongs to environment 'dev'; forgotten: 'staging'");
        assertThat(recorded(db)).containsExactly("dev false laptop-host");

        CliRun dev = run(laptop, "migrate", "--env", "dev");
        assertThat(dev.exit()).as(dev.all()).isZero();
        CliRun staging = run(team, "migrate", "--env", "staging");
        assertThat(staging.exit()).as(staging.all()).isEqualTo(2);
        assertThat(staging.err()).contains("belongs to environment 'dev'", "this run is environment 'staging'");

        CliRun back = run(team, "--yes", "--json", "env", "claim", "--env", "staging");
        assertThat(back.exit()).as(back.all()).isZero();
        assertThat(new ObjectMapper().readTree(back.out()).toString()).contains("\"environment\":\"staging\"", "\"previous\":[\"dev\"]");
    }

    @Test
    void aClaimedEmptyDatabaseIsStillNewToMigrateAndItsRecordIsNoDrift() throws Exception {
        CatalogueDatabase db = workspaces("postgres", "", "");
        CliRun claim = run(laptop, "env", "claim", "dev");
        assertThat(claim.exit()).as("nobody held it: no confirmation needed: %s", claim.all()).isZero();
        assertThat(claim.out()).contains("no other environment had written to it");
        CliRun migrate = run(laptop, "migrate", "--env", "dev");
        assertThat(migrate.exit()).as(migrate.all()).isZero();
        CliRun drift = run(laptop, "check", "--drift", "--env", "dev");
        assertThat(drift.exit()).as(drift.all()).isZero();
        assertThat(drift.out()).contains("No drift");
        assertThat(recorded(db)).containsExactly("dev false laptop-host");
    }

    @Test
    void aBareUrlIsNeitherCheckedNorRecorded() throws Exception {
        CatalogueDatabase db = workspaces("postgres", "", "");
        assertThat(run(team, "migrate", "--env", "staging", "--target", "1").exit()).isZero();
        CliRun url = run(laptop, "migrate", "--url", db.url());
        assertThat(url.exit()).as(url.all()).isZero();
        assertThat(url.all()).doesNotContain("staging");
        assertThat(recorded(db)).containsExactly("staging false team-host");
    }

    @Test
    void aRestoreOfAnotherEnvironmentsBackupLeavesTheDatabaseToTheEnvironmentThatRestored() throws Exception {
        CatalogueDatabase source = workspaces("postgres", "", "");
        assertThat(run(team, "migrate", "--env", "staging").exit()).isZero();
        CliRun backup = run(team, "backup", "--env", "staging", "--out", "backups");
        assertThat(backup.exit()).as(backup.all()).isZero();
        Path taken;
        try (Stream<Path> dirs = Files.list(team.resolve("backups"))) {
            taken = dirs.findFirst().orElseThrow();
        }
        String target = TestPostgres.createDatabase("envguardrestore");
        Files.writeString(laptop.resolve("ferry.yaml"), "environments:\n  dev: { url: \"" + TestPostgres.url(target) + "\" }\n");
        CliRun restore = run(laptop, "restore", taken.toString(), "--env", "dev");
        assertThat(restore.exit()).as(restore.all()).isZero();
        CatalogueDatabase restored = new CatalogueDatabase("postgres", target, TestPostgres.url(target), null);
        assertThat(recorded(restored)).containsExactly("dev false laptop-host");
        assertThat(recorded(source)).containsExactly("staging false team-host");
    }
}
