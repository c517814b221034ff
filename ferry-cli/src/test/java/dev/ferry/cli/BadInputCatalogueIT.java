package dev.ferry.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input catalogue: every ordinary mistake a user can make, run through the real CLI, with
 * the exit code of the contract, a message that says what was wrong, no stack trace, and the
 * database exactly as it was before. Rows live in {@code src/test/resources/catalogue/*.yaml}, one
 * file per area; later capabilities add their own file. A row's fields are described in
 * {@link CatalogueRow}.
 */
class BadInputCatalogueIT {
    static final String WRONG_PASSWORD = "Wr0ng-pw-" + System.nanoTime();

    @TempDir
    Path dir;

    @BeforeAll
    static void passwordUser() {
        TestPostgres.createPasswordUser("right-" + System.nanoTime());
    }

    static Stream<CatalogueRow> rows() throws IOException, URISyntaxException {
        Path folder = Path.of(BadInputCatalogueIT.class.getResource("/catalogue").toURI());
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setPropertyNamingStrategy(PropertyNamingStrategies.LOWER_CAMEL_CASE);
        List<CatalogueRow> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (CatalogueRow row : yaml.readValue(in, CatalogueRow[].class)) {
                        rows.add(row.from(file.getFileName().toString()));
                    }
                }
            }
        }
        assertUniqueNames(rows);
        return rows.stream();
    }

    private static void assertUniqueNames(List<CatalogueRow> rows) {
        Set<String> names = new HashSet<>();
        for (CatalogueRow row : rows) {
            assertThat(names.add(row.name())).as("duplicate catalogue row name %s", row.name()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void badInputIsRefusedClearlyAndChangesNothing(CatalogueRow row) throws Exception {
        CatalogueDatabase db = CatalogueDatabase.create(row.db(), dir, "cat");
        CatalogueDatabase second = row.setup2() == null ? null : CatalogueDatabase.create(row.db(), dir, "cat2");
        db.run(row.setup());
        if (second != null) {
            second.run(row.setup2());
        }
        Placeholders placeholders = new Placeholders(dir, db, second);
        writeFiles(row.files(), row.latin1Files(), placeholders);
        for (List<String> command : row.git()) {
            git(command);
        }
        for (List<String> earlier : row.before()) {
            CliRun setupRun = CliRun.inProcess(dir, placeholders.apply(row.env()), placeholders.apply(earlier).toArray(String[]::new));
            assertThat(setupRun.exit()).as("setup run ferry %s: %s", earlier, setupRun.all()).isZero();
        }
        deleteFiles(row.delete());
        db.run(row.afterSql());
        writeFiles(row.then(), Map.of(), placeholders);
        boolean ignoreHistory = row.unchanged().equals("except-history");
        String before = db.fingerprint(ignoreHistory);
        String beforeSecond = second == null ? "" : second.fingerprint(ignoreHistory);

        CliRun run = CliRun.inProcess(dir, placeholders.apply(row.env()), placeholders.apply(row.args()).toArray(String[]::new));

        String shown = "ferry " + String.join(" ", row.args()) + "\n--- out\n" + run.out() + "--- err\n" + run.err();
        assertThat(run.exit()).as(shown).isEqualTo(row.exit());
        assertThat(row.message()).as("a row must name what the message says").isNotEmpty();
        assertThat(run.all()).as(shown).contains(row.message());
        assertThat(run.all()).as(shown).doesNotContain("\tat ", "bug in Ferry", "Exception", WRONG_PASSWORD);
        if (!row.absent().isEmpty()) {
            assertThat(run.all()).as(shown).doesNotContain(row.absent().toArray(String[]::new));
        }
        if (!row.unchanged().equals("false")) {
            assertThat(db.fingerprint(ignoreHistory)).as("database after " + shown).isEqualTo(before);
            if (second != null) {
                assertThat(second.fingerprint(ignoreHistory)).as("second database after " + shown).isEqualTo(beforeSecond);
            }
        }
    }

    /** Runs git in the row's directory as a person would, with an identity of its own. */
    private void git(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Ferry Test", "-c", "user.email=test@ferry.dev", "-c", "init.defaultBranch=main"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("git %s finished", args).isTrue();
        assertThat(p.exitValue()).as("git %s: %s", args, out).isZero();
    }

    private void deleteFiles(List<String> paths) throws IOException {
        for (String path : paths) {
            Files.delete(dir.resolve(path));
        }
    }

    private void writeFiles(Map<String, String> utf8, Map<String, String> latin1, Placeholders placeholders) {
        try {
            for (Map.Entry<String, String> file : utf8.entrySet()) {
                Path path = dir.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, placeholders.apply(file.getValue()));
            }
            for (Map.Entry<String, String> file : latin1.entrySet()) {
                Path path = dir.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), java.nio.charset.StandardCharsets.ISO_8859_1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
