package dev.ferry.cli;

import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A random password goes into the URL, the env file and the environment; every command, the
 * failing ones and -v included, runs as a real process of the built jar, and the password
 * appears in none of its output, nor in any file it leaves behind.
 */
class SecretCanaryIT {
    private static final String PASSWORD = "Cn" + UUID.randomUUID().toString().replace("-", "");
    private static final String WRONG = "Wr" + UUID.randomUUID().toString().replace("-", "");
    private static final String JWT = "Jw" + UUID.randomUUID().toString().replace("-", "");

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        TestPostgres.createPasswordUser(PASSWORD);
        Files.writeString(dir.resolve(".env"), "DATABASE_URL=" + url(PASSWORD) + "\nJWT_SECRET=" + JWT + "\n");
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__canary.sql"), "CREATE TABLE IF NOT EXISTS canary (id INT);\n");
        Files.writeString(dir.resolve("ferry.yaml"), """
                environments:
                  prod: { url: "${DATABASE_URL}", protected: true }
                  broken: { url: "${BROKEN_URL}" }
                """);
    }

    private static String url(String password) {
        return "postgres://" + TestPostgres.PASSWORD_USER + ":" + password + "@localhost:" + TestPostgres.port() + "/postgres";
    }

    private static List<List<String>> commands() {
        List<List<String>> base = List.of(
                List.of("inspect"),
                List.of("inspect", "--url", url(PASSWORD)),
                List.of("--json", "inspect", "--url", url(PASSWORD)),
                List.of("doctor", "--env", "prod"),
                List.of("--json", "doctor", "--env", "prod"),
                List.of("inspect", "--url", url(WRONG)),
                List.of("--json", "doctor", "--url", url(WRONG)),
                List.of("doctor", "--url", "postgres://app:" + PASSWORD + "@127.0.0.1:1/x"),
                List.of("inspect", "--url", "jdbc:postgresql://localhost:" + TestPostgres.port() + "/postgres?user=" + TestPostgres.PASSWORD_USER + "&password=" + WRONG),
                List.of("inspect", "--url", "nonsense://app:" + PASSWORD + "@host/db"),
                List.of("inspect", "--url", "postgres://app:" + PASSWORD + "@host:notaport/db"),
                List.of("inspect", "--env", "broken"),
                List.of("migrate", "--url", url(PASSWORD)),
                List.of("status", "--env", "prod"),
                List.of("--json", "check"),
                List.of("migrate", "--dry-run", "--url", url(WRONG)),
                List.of("repair", "--url", "postgres://app:" + PASSWORD + "@127.0.0.1:1/x"),
                List.of("diff", "--from", url(PASSWORD), "--to", url(PASSWORD), "--script", "repair.sql"),
                List.of("--json", "diff", "--from", url(PASSWORD), "--to", "migrations"),
                List.of("diff", "--from", url(WRONG), "--to", "migrations"),
                List.of("check", "--drift", "--env", "prod", "--shadow", url(PASSWORD)),
                List.of("--help"),
                List.of("--version"));
        List<List<String>> all = new ArrayList<>(base);
        base.forEach(c -> all.add(Stream.concat(Stream.of("-v"), c.stream()).toList()));
        return all;
    }

    @Test
    void thePasswordAppearsInNoOutputOfAnyCommand() throws Exception {
        TestPostgres.createPasswordUser(PASSWORD); // another test of this class may have changed it
        Map<String, String> environment = Map.of("FERRY_CANARY_PASSWORD", PASSWORD, "PGPASSWORD", PASSWORD, "BROKEN_URL", "mysql://root:" + PASSWORD + "@127.0.0.1:1/x");
        int succeeded = 0;
        int failed = 0;
        for (List<String> command : commands()) {
            CliRun run = CliRun.process(dir, environment, command.toArray(String[]::new));
            assertThat(run.all()).as("output of ferry %s", command).doesNotContain(PASSWORD, WRONG, JWT);
            assertThat(run.all()).as("ferry %s printed something", command).isNotBlank();
            if (run.exit() == 0) {
                succeeded++;
            } else {
                failed++;
            }
        }
        assertThat(succeeded).as("the canary ran commands that succeed").isGreaterThanOrEqualTo(14);
        assertThat(failed).as("and commands that fail").isGreaterThanOrEqualTo(16);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(".env")).toList()) {
                assertThat(Files.readString(f)).as("file %s", f).doesNotContain(PASSWORD, WRONG, JWT);
            }
        }
    }

    @Test
    void aSuccessfulRunShowsTheUrlRedacted() {
        TestPostgres.createPasswordUser(PASSWORD);
        CliRun run = CliRun.process(dir, Map.of(), "inspect", "--url", url(PASSWORD));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("postgres://" + TestPostgres.PASSWORD_USER + ":***@localhost:");
    }

    /**
     * A password that is also a common word is masked where it stands as a secret, and nowhere else:
     * a schema named public, SQL that says select and the scheme postgres:// come out unaltered, and
     * the diff script on stdout is byte for byte the script written with --script.
     */
    @ParameterizedTest
    @ValueSource(strings = {"public", "postgres", "select"})
    void aCommonWordPasswordLeaksFromNoSecretPositionAndAltersNoOutput(String word) throws Exception {
        TestPostgres.createPasswordUser(word);
        String empty = TestPostgres.createDatabase("canary_empty");
        String rich = TestPostgres.createDatabase("canary_rich");
        TestPostgres.execute(rich, "CREATE TABLE public.prodwrite (id int PRIMARY KEY, note text);"
                + "CREATE FUNCTION public.prodcount() RETURNS bigint LANGUAGE sql AS $$ select count(*) from public.prodwrite $$;"
                + "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + TestPostgres.PASSWORD_USER);
        String from = urlOf(word, empty);
        String to = urlOf(word, rich);
        Files.writeString(dir.resolve("word.env"), "PGPASSWORD=" + word + "\nAPP_SECRET=" + word + "\n");

        CliRun diff = CliRun.process(dir, Map.of(), "--env-file", "word.env", "diff", "--from", from, "--to", to);
        assertThat(diff.exit()).as(diff.all()).isZero();
        CliRun script = CliRun.process(dir, Map.of(), "--env-file", "word.env", "diff", "--from", from, "--to", to, "--script", "word.sql");
        assertThat(script.exit()).as(script.all()).isZero();
        String sql = Files.readString(dir.resolve("word.sql"));
        assertThat(sql).contains("\"public\"", "select count(*) from public.prodwrite");
        assertThat(diff.out()).as("the script on stdout is the script in the file").endsWith(sql);

        CliRun inspect = CliRun.process(dir, Map.of(), "--env-file", "word.env", "inspect", "--url", to);
        assertThat(inspect.exit()).as(inspect.all()).isZero();
        assertThat(inspect.out()).contains("postgres://" + TestPostgres.PASSWORD_USER + ":***@localhost:", "prodwrite");

        List<CliRun> failing = List.of(
                CliRun.process(dir, Map.of(), "doctor", "--url", "postgres://app:" + word + "@127.0.0.1:1/x"),
                CliRun.process(dir, Map.of(), "-v", "inspect", "--url", "jdbc:postgresql://localhost:" + TestPostgres.port() + "/" + rich
                        + "?user=nobody_here&password=" + word),
                CliRun.process(dir, Map.of(), "--json", "inspect", "--url", "postgres://app:" + word + "@host:notaport/db"));
        for (CliRun run : List.of(diff, script, inspect, failing.get(0), failing.get(1), failing.get(2))) {
            assertThat(run.all()).doesNotContain(":" + word + "@", "password=" + word, "PASSWORD=" + word, "SECRET=" + word, "***://");
        }
        assertThat(failing).allSatisfy(run -> assertThat(run.exit()).isNotZero());
    }

    private static String urlOf(String password, String database) {
        return "postgres://" + TestPostgres.PASSWORD_USER + ":" + password + "@localhost:" + TestPostgres.port() + "/" + database;
    }
}
