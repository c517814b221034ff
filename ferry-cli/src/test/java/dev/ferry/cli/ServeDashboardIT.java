package dev.ferry.cli;

import dev.ferry.testkit.Sql;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, must-show 3: the dashboard of {@code ferry serve} in Debian's headless Chromium, driven by
 * playwright-core ({@code src/test/dashboard/drive-dashboard.js}) as an operator would: a wrong key
 * refused, a read key's Run refused with 403, the run key's view of the schema migrations, a dry run, a
 * Run that shows its dry run in a dialog before "Run it", the data migration's progress bar watched up
 * to 100%, the job with its log, and the keys nowhere in the page. The screenshot is kept as
 * {@code target/dashboard.png}; the database then shows every row migrated once.
 */
class ServeDashboardIT {
    private static final Path DRIVER = Path.of(System.getProperty("user.dir"), "src", "test", "dashboard");
    private static final Path SCREENSHOT = Path.of(System.getProperty("user.dir"), "target", "dashboard.png");
    private static final int ROWS = SlowClassification.ROWS;

    @TempDir
    Path dir;
    private String db;
    private String url;

    /** V1 makes the accounts and is applied, V2 is pending, D1 classifies the accounts; one backup taken. */
    @BeforeEach
    void workspace() throws Exception {
        db = TestPostgres.createDatabase("servedashboard");
        url = TestPostgres.url(db);
        Files.createDirectories(dir.resolve("migrations/data"));
        Files.writeString(dir.resolve("migrations/V1__accounts.sql"), SlowClassification.ACCOUNTS);
        Files.writeString(dir.resolve("migrations/V2__notes.sql"), "CREATE TABLE notes (id int PRIMARY KEY, body text);\n");
        Files.writeString(dir.resolve("migrations/data/D1__classify_accounts.sql"), SlowClassification.MIGRATION);
        CliRun migrate = CliRun.process(dir, Map.of(), "migrate", "--url", url, "--target", "1");
        assertThat(migrate.exit()).as(migrate.all()).isZero();
        CliRun backup = CliRun.process(dir, Map.of(), "backup", "--url", url, "--out", "backups");
        assertThat(backup.exit()).as(backup.all()).isZero();
    }

    @Test
    void anOperatorRunsTheDataMigrationFromTheDashboardAndWatchesItsBarReach100() throws Exception {
        Path chromium = HeadlessChromium.binary();
        Path driver = installedDriver();
        Files.deleteIfExists(SCREENSHOT);
        String output;
        try (ServeProcess serve = ServeProcess.start(dir, ServeAuthIT.KEYS, "--url", url)) {
            Map<String, String> environment = Map.of(
                    "FERRY_DASHBOARD_URL", "http://127.0.0.1:" + serve.port(),
                    "FERRY_RUN_KEY", ServeAuthIT.RUN_KEY,
                    "FERRY_READ_KEY", ServeAuthIT.READ_KEY,
                    "FERRY_CHROMIUM", chromium.toString(),
                    "FERRY_PROFILE", Files.createTempDirectory(dir, "chromium-profile").toString(),
                    "FERRY_SCREENSHOT", SCREENSHOT.toString());
            output = NodeExample.run(driver, environment, Duration.ofMinutes(4), "node", "drive-dashboard.js");
            System.out.println(output); // each step with its time, and the bar's values: kept in the failsafe report
            serve.stop();
            assertThat(serve.out() + serve.err()).contains("key=ops", "key=viewer")
                    .doesNotContain(ServeAuthIT.RUN_KEY).doesNotContain(ServeAuthIT.READ_KEY);
        }
        assertThat(output).contains("said: This key is not accepted (401)", "said: This key can only read (403)",
                "ok the run key shows the schema migrations with their states", "ok Run shows the dry run in a dialog first",
                "ok the data migration's progress bar goes up and reaches 100%", "ok the job is in recent jobs",
                "ok the key is kept in the session only", "dashboard: all steps passed");
        List<Integer> seen = progressSeen(output);
        assertThat(seen).as("the bar's values, in order").anyMatch(v -> v > 0 && v < 100).endsWith(100);
        assertThat(seen).as("the bar only goes up").isSorted();

        assertThat(scalar("SELECT count(*) FROM accounts WHERE touched <> 1 OR kind IS NULL")).as("rows not migrated exactly once").isZero();
        assertThat(scalar("SELECT processed FROM ferry_data_history WHERE id = '1' AND status = 'COMPLETED'")).isEqualTo(ROWS);
        byte[] png = Files.readAllBytes(SCREENSHOT);
        assertThat(png.length).as("screenshot size").isGreaterThan(10_000);
        assertThat(Arrays.copyOf(png, 8)).as("PNG signature").isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    }

    private static List<Integer> progressSeen(String output) {
        String line = output.lines().filter(l -> l.startsWith("progress seen: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no progress line in\n" + output));
        return Stream.of(line.substring("progress seen: ".length()).trim().split(" ")).map(Integer::valueOf).toList();
    }


    /** The driver copied into target/ with playwright-core installed by npm ci from its lock file; no browser is downloaded. */
    private static Path installedDriver() throws Exception {
        Path project = Path.of(System.getProperty("user.dir"), "target", "dashboard-driver");
        Files.createDirectories(project);
        for (String file : List.of("package.json", "package-lock.json", "drive-dashboard.js")) {
            Files.copy(DRIVER.resolve(file), project.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        NodeExample.run(project, Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"), Duration.ofMinutes(5), "npm", "ci", "--no-audit", "--no-fund");
        return project;
    }

    /** Runs a command to its end, its output answered; fails when it does not exit 0 in time. */

    private long scalar(String sql) throws Exception {
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            return Sql.scalar(s, sql);
        }
    }
}
