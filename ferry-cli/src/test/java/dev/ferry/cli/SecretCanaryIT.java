package dev.ferry.cli;

import dev.ferry.testkit.TestMariaDb;
import dev.ferry.testkit.SharedPostgres;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;

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

    private static final String MARIADB_USER = "ferry_canary";

    @TempDir
    static Path dir;
    /** A MariaDB backup (taken as root, no password) that the password user restores with --clean. */
    private static String mariaDbBackup;
    private static String mariaDbSource;
    private static String mariaDbTarget;

    /** A PostgreSQL 15 database (Debian's pg_dump is 15) for the pg_dump and docker:// backups. */
    private static String dumpDb;
    private static String copyFrom;
    private static String copyTo;
    /** The target of a copy from MariaDB (both URLs with the password). */
    private static String copyFromMariaDbTo;
    /** The MariaDB target of a copy from PostgreSQL (both URLs with the password). */
    private static String copyIntoMariaDb;
    /** The database of environment canary (ferry.yaml) and twin (twin.yaml): claimed by one, refused to the other. */
    private static String envDb;
    /** Where the careless .cmd migrations (Leak.java) run as the password user, who owns it. */
    private static String commandDb;

    @BeforeAll
    static void setUp() throws Exception {
        TestPostgres.createPasswordUser(PASSWORD);
        dumpDb = "canary_dump_" + System.nanoTime();
        SharedPostgres.pg15().execute("postgres", "CREATE DATABASE " + dumpDb);
        SharedPostgres.pg15().execute(dumpDb, "CREATE TABLE kept (id int PRIMARY KEY, note text); INSERT INTO kept VALUES (1, 'one')");
        DumpBackupIT.standInDocker(dir.resolve("bin"), SharedPostgres.pg15().port());
        Files.writeString(dir.resolve(".env"), "DATABASE_URL=" + url(PASSWORD) + "\nJWT_SECRET=" + JWT + "\n");
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__canary.sql"), "CREATE TABLE IF NOT EXISTS canary (id INT);\n");
        Files.writeString(dir.resolve("ferry.yaml"), """
                environments:
                  prod: { url: "${DATABASE_URL}", protected: true }
                  broken: { url: "${BROKEN_URL}" }
                  canary: { url: "${CANARY_ENV_URL}" }
                """);
        Files.writeString(dir.resolve("twin.yaml"), "environments:\n  twin: { url: \"${CANARY_ENV_URL}\" }\n");
        Files.writeString(dir.resolve("checks.yaml"), """
                checks:
                  - sql: { query: "select 1", expect: 1 }
                  - rowCount: { table: schema_migrations, min: 0 }
                  - sample: { table: schema_migrations, rows: 3 }
                """);
        otherToolsHistories();
        mariaDb();
        copyFrom = TestPostgres.createDatabase("canarycopyfrom");
        TestPostgres.execute(copyFrom, "CREATE TABLE canary_rows (id INT PRIMARY KEY, note TEXT); INSERT INTO canary_rows VALUES (1, 'a');"
                + " GRANT SELECT ON canary_rows TO " + TestPostgres.PASSWORD_USER);
        copyTo = TestPostgres.createDatabase("canarycopyto");
        // a plan whose shell step prints the env file: the password and the JWT secret must come out masked, on the terminal and in the journal's log
        Files.writeString(dir.resolve("canary-plan.yaml"), """
                source: { url: "${DATABASE_URL}" }
                target: { env: prod }
                steps:
                  - { id: show_env, shell: "cat .env" }
                  - { downtime: begin }
                  - { id: check, validate: { checks: checks.yaml } }
                  - { downtime: end }
                """);
        Files.writeString(dir.resolve("canary-mapping.yaml"), "tables:\n  canary_rows: { from: canary_rows, columns: { id: id, note: note } }\n");
        TestPostgres.execute("postgres", "ALTER DATABASE " + copyTo + " OWNER TO " + TestPostgres.PASSWORD_USER);
        copyFromMariaDbTo = TestPostgres.createDatabase("canarycopymaria");
        TestPostgres.execute("postgres", "ALTER DATABASE " + copyFromMariaDbTo + " OWNER TO " + TestPostgres.PASSWORD_USER);
        TestPostgres.execute(copyFromMariaDbTo, "GRANT ALL ON SCHEMA public TO " + TestPostgres.PASSWORD_USER);
        copyIntoMariaDb = TestMariaDb.createDatabase("canarycopyout");
        envDb = TestPostgres.createDatabase("canaryenv");
        TestPostgres.execute("postgres", "ALTER DATABASE " + envDb + " OWNER TO " + TestPostgres.PASSWORD_USER);
        Files.writeString(dir.resolve(".env"), "CANARY_ENV_URL=" + urlOf(PASSWORD, envDb) + "\n", java.nio.file.StandardOpenOption.APPEND);
        leakyCommands();
    }

    /**
     * Three .cmd migrations that print the password they get in their environment (stderr, a note, a
     * reason, a line that is not the protocol), each in a directory of its own: leaky-ok/D1 (exit 0),
     * leaky-fail/D2 (exit 3), leaky-chatter/D3.
     */
    private static void leakyCommands() throws Exception {
        commandDb = TestPostgres.createDatabase("canarycmd");
        TestPostgres.execute("postgres", "ALTER DATABASE " + commandDb + " OWNER TO " + TestPostgres.PASSWORD_USER);
        TestPostgres.execute(commandDb, "GRANT ALL ON SCHEMA public TO " + TestPostgres.PASSWORD_USER);
        Path leak = dir.resolve("Leak.java");
        try (java.io.InputStream source = SecretCanaryIT.class.getResourceAsStream("/command-migration/Leak.java")) {
            Files.copy(source, leak);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String pgjdbc = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<String> ends = List.of("ok", "fail", "chatter");
        for (int i = 0; i < ends.size(); i++) {
            Path data = Files.createDirectories(dir.resolve("leaky-" + ends.get(i)));
            Files.writeString(data.resolve("D" + (i + 1) + "__leak.cmd"), "'" + java + "' -cp '" + pgjdbc + "' '" + leak + "' " + ends.get(i) + "\n");
        }
    }

    /** A MariaDB user with the password, a small database to back up, and a backup of it to restore with --clean. */
    private static void mariaDb() throws Exception {
        for (String host : List.of("%", "localhost")) {
            TestMariaDb.execute("CREATE USER IF NOT EXISTS '" + MARIADB_USER + "'@'" + host + "' IDENTIFIED BY '" + PASSWORD + "'");
            TestMariaDb.execute("ALTER USER '" + MARIADB_USER + "'@'" + host + "' IDENTIFIED BY '" + PASSWORD + "'");
            TestMariaDb.execute("GRANT ALL PRIVILEGES ON *.* TO '" + MARIADB_USER + "'@'" + host + "'");
        }
        mariaDbSource = TestMariaDb.createDatabase("canary");
        mariaDbTarget = TestMariaDb.createDatabase("canaryback");
        TestMariaDb.execute("CREATE TABLE `" + mariaDbSource + "`.canary (id int AUTO_INCREMENT PRIMARY KEY, note text)");
        TestMariaDb.execute("INSERT INTO `" + mariaDbSource + "`.canary (note) VALUES ('a'), (NULL)");
        CliRun backup = CliRun.inProcess(dir, Map.of(), "backup", "--url", TestMariaDb.url(mariaDbSource), "--out", "canary-mariadb");
        assertThat(backup.exit()).as(backup.all()).isZero();
        try (Stream<Path> taken = Files.list(dir.resolve("canary-mariadb"))) {
            mariaDbBackup = "canary-mariadb/" + taken.findFirst().orElseThrow().getFileName();
        }
    }

    private static String mariaDbUrl(String password, String database) {
        var server = TestMariaDb.server();
        return "mysql://" + MARIADB_USER + ":" + password + "@" + server.host().orElse("127.0.0.1") + ":" + server.port().orElse(3306) + "/" + database;
    }

    /**
     * A Rails app whose migration was renamed after deploy (git tells the old name), a Prisma folder
     * as applied, and a Flyway file renamed after Flyway ran it; their tables in the password user's
     * database ({@code postgres}, schema public, where that user may read and write rows but not
     * create tables), so that status, check, repair and repair --undo --history all succeed there.
     */
    private static void otherToolsHistories() throws Exception {
        Path migrate = Files.createDirectories(dir.resolve("db/migrate"));
        Files.writeString(migrate.resolve("20240101000001_create_canary.rb"), "class CreateCanary < ActiveRecord::Migration[7.1]\nend\n");
        git("init", "-q");
        git("add", "db");
        git("commit", "-q", "-m", "deployed");
        git("mv", "db/migrate/20240101000001_create_canary.rb", "db/migrate/20240201000001_create_canary.rb");
        git("commit", "-q", "-m", "renumbered");
        String prismaSql = "-- CreateTable\nCREATE TABLE canary_prisma (id INTEGER PRIMARY KEY);\n";
        Files.createDirectories(dir.resolve("prisma/migrations/20240101000000_canary"));
        Files.writeString(dir.resolve("prisma/migrations/20240101000000_canary/migration.sql"), prismaSql);
        String flywaySql = "CREATE TABLE canary_flyway (id INTEGER PRIMARY KEY);\n";
        Files.createDirectories(dir.resolve("flyway"));
        Files.writeString(dir.resolve("flyway/V1__canary_renamed.sql"), flywaySql);
        dropToolTables();
        TestPostgres.execute("postgres", "CREATE TABLE schema_migrations (version character varying NOT NULL PRIMARY KEY);"
                + "INSERT INTO schema_migrations VALUES ('20240101000001');"
                + "CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL, finished_at TIMESTAMPTZ,"
                + " migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ, started_at TIMESTAMPTZ NOT NULL DEFAULT now(),"
                + " applied_steps_count INTEGER NOT NULL DEFAULT 0);"
                + "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ('"
                + UUID.randomUUID() + "', '" + sha256(prismaSql) + "', now(), '20240101000000_canary', 1);"
                + "CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50), description VARCHAR(200) NOT NULL,"
                + " type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, checksum INT, installed_by VARCHAR(100) NOT NULL,"
                + " installed_on TIMESTAMP NOT NULL DEFAULT now(), execution_time INT NOT NULL, success BOOLEAN NOT NULL);"
                + "INSERT INTO flyway_schema_history VALUES (1, '1', 'canary', 'SQL', 'V1__canary.sql', " + flywayChecksum(flywaySql) + ", 'me', now(), 3, true);"
                + "GRANT SELECT, UPDATE ON schema_migrations, _prisma_migrations, flyway_schema_history TO " + TestPostgres.PASSWORD_USER);
    }

    /** The other tools' tables leave the shared postgres database as they found it, for the other test classes. */
    @AfterAll
    static void dropToolTables() {
        TestPostgres.execute("postgres", "DROP TABLE IF EXISTS schema_migrations, _prisma_migrations, flyway_schema_history");
        TestMariaDb.execute("DROP USER IF EXISTS '" + MARIADB_USER + "'@'%', '" + MARIADB_USER + "'@'localhost'");
    }

    private static String toolRow(String sql) throws java.sql.SQLException {
        try (java.sql.Connection c = TestPostgres.connect("postgres"); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet r = st.executeQuery(sql)) {
            assertThat(r.next()).as(sql).isTrue();
            return r.getString(1);
        }
    }

    private static void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Ferry Test", "-c", "user.email=test@ferry.dev", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("git %s: %s", List.of(args), out).isZero();
    }

    private static String sha256(String content) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** Flyway's checksum: CRC-32 over each line's UTF-8 bytes without its line ending. */
    private static int flywayChecksum(String content) {
        CRC32 crc = new CRC32();
        content.lines().forEach(line -> crc.update(line.getBytes(StandardCharsets.UTF_8)));
        return (int) crc.getValue();
    }

    /** The PostgreSQL 15 database as a user with a password (the server trusts it, but Ferry hands the password to pg_dump all the same). */
    private static String url15(String password) {
        return "postgres://postgres:" + password + "@localhost:" + SharedPostgres.pg15().port() + "/" + dumpDb;
    }

    private static String url(String password) {
        return urlOf(password, "postgres");
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
                List.of("status", "--history", "rails", "--env", "prod"),
                List.of("--json", "check", "--history", "prisma", "--env", "prod"),
                List.of("--yes", "repair", "--history", "flyway", "--dir", "flyway", "--url", url(PASSWORD)),
                List.of("--yes", "repair", "--history", "rails", "--url", url(PASSWORD)),
                List.of("--yes", "repair", "--history", "rails", "--undo", "--url", url(PASSWORD)),
                List.of("status", "--history", "rails", "--url", url(WRONG)),
                List.of("--yes", "repair", "--history", "prisma", "--url", url(WRONG)),
                List.of("check", "--history", "flyway", "--dir", "flyway", "--url", "postgres://app:" + PASSWORD + "@127.0.0.1:1/x"),
                List.of("backup", "--url", url(PASSWORD), "--out", "canary-backups"),
                List.of("--json", "backup", "--url", url(WRONG), "--out", "canary-backups"),
                List.of("backup", "--format", "pg_dump", "--url", url15(PASSWORD), "--out", "canary-backups", "--scratch", SharedPostgres.pg15().url("postgres")),
                List.of("backup", "--format", "pg_dump", "--url", url(PASSWORD), "--out", "canary-backups"),
                List.of("backup", "--url", "docker://postgres:" + PASSWORD + "@c/" + dumpDb, "--out", "canary-backups", "--scratch", SharedPostgres.pg15().url("postgres")),
                List.of("--json", "backup", "--url", "docker://nobody_here:" + WRONG + "@c/" + dumpDb, "--out", "canary-backups"),
                List.of("backup", "--format", "mariadb-dump", "--url", "mysql://root:" + PASSWORD + "@127.0.0.1:3306/mysql", "--out", "canary-backups"),
                List.of("backup", "list", "--out", "canary-backups"),
                List.of("backup", "verify", "canary-backups/none", "--scratch", url(PASSWORD)),
                List.of("--yes", "restore", "canary-backups/none", "--url", url(PASSWORD)),
                List.of("restore", "canary-backups/none", "--url", url(WRONG)),
                List.of("backup", "--url", mariaDbUrl(PASSWORD, mariaDbSource), "--out", "canary-backups", "--verify"),
                List.of("--yes", "restore", mariaDbBackup, "--url", mariaDbUrl(PASSWORD, mariaDbTarget), "--clean"),
                List.of("backup", "--url", mariaDbUrl(WRONG, mariaDbSource), "--out", "canary-backups"),
                List.of("--yes", "copy", "--from", urlOf(PASSWORD, copyFrom), "--to", urlOf(PASSWORD, copyTo)),
                List.of("copy", "--from", urlOf(WRONG, copyFrom), "--to", urlOf(PASSWORD, copyTo)),
                List.of("copy", "--from", urlOf(PASSWORD, copyFrom), "--to", urlOf(PASSWORD, copyTo), "--mapping", "canary-mapping.yaml", "--dry-run"),
                List.of("--yes", "copy", "--from", urlOf(PASSWORD, copyFrom), "--to", urlOf(PASSWORD, copyTo), "--mapping", "canary-mapping.yaml", "--truncate",
                        "--max-rejects", "1", "--verify"),
                List.of("copy", "--from", mariaDbUrl(PASSWORD, mariaDbSource), "--to", urlOf(PASSWORD, copyFromMariaDbTo), "--snake-case", "--verify"),
                List.of("data", "list", "--url", url(PASSWORD)),
                List.of("--json", "data", "run", "--dry-run", "--url", url(PASSWORD)),
                List.of("data", "run", "--url", url(WRONG)),
                List.of("data", "run", "--max-active-sessions", "50", "--max-errors", "3", "--jobs", "2", "--url", url(PASSWORD)),
                List.of("--yes", "data", "down", "1", "--url", url(PASSWORD)),
                List.of("--json", "data", "status", "--url", url(PASSWORD)),
                List.of("data", "run", "--dir", "leaky-ok", "--max-errors", "5", "--url", urlOf(PASSWORD, commandDb)),
                List.of("--json", "data", "run", "--dry-run", "--dir", "leaky-fail", "--url", urlOf(PASSWORD, commandDb)),
                List.of("data", "run", "--dir", "leaky-fail", "--url", urlOf(PASSWORD, commandDb)),
                List.of("data", "run", "--dir", "leaky-chatter", "--url", urlOf(PASSWORD, commandDb)),
                List.of("data", "list", "--dir", "leaky-chatter", "--url", urlOf(PASSWORD, commandDb)),
                List.of("copy", "--from", urlOf(PASSWORD, copyFrom), "--to", mariaDbUrl(PASSWORD, copyIntoMariaDb), "--verify"),
                List.of("copy", "--from", urlOf(PASSWORD, copyFrom), "--to", mariaDbUrl(WRONG, copyIntoMariaDb)),
                List.of("--yes", "env", "claim", "canary"),
                List.of("--config", "twin.yaml", "--env", "twin", "migrate"),
                List.of("--config", "twin.yaml", "status", "--env", "twin"),
                List.of("--config", "twin.yaml", "env", "claim", "twin"),
                List.of("--json", "--yes", "env", "claim", "canary"),
                List.of("validate", "--checks", "checks.yaml", "--url", url(PASSWORD)),
                List.of("--json", "validate", "--checks", "checks.yaml", "--env", "prod"),
                List.of("validate", "--checks", "checks.yaml", "--url", url(WRONG)),
                List.of("--json", "validate", "--checks", "checks.yaml", "--url", "postgres://app:" + PASSWORD + "@127.0.0.1:1/x"),
                List.of("plan", "canary-plan.yaml"),
                List.of("--json", "plan", "canary-plan.yaml"),
                List.of("--yes", "run", "canary-plan.yaml"),
                List.of("run", "canary-plan.yaml", "--rehearse"),
                List.of("--help"),
                List.of("--version"));
        List<List<String>> all = new ArrayList<>(base);
        base.forEach(c -> all.add(Stream.concat(Stream.of("-v"), c.stream()).toList()));
        return all;
    }

    @Test
    void thePasswordAppearsInNoOutputOfAnyCommand() throws Exception {
        TestPostgres.createPasswordUser(PASSWORD); // another test of this class may have changed it
        Map<String, String> environment = Map.of("FERRY_CANARY_PASSWORD", PASSWORD, "PGPASSWORD", PASSWORD, "BROKEN_URL", "mysql://root:" + PASSWORD + "@127.0.0.1:1/x",
                "PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        int succeeded = 0;
        int failed = 0;
        List<String> exits = new ArrayList<>();
        for (List<String> command : commands()) {
            CliRun run = CliRun.process(dir, environment, command.toArray(String[]::new));
            assertThat(run.all()).as("output of ferry %s", command).doesNotContain(PASSWORD, WRONG, JWT);
            assertThat(run.all()).as("ferry %s printed something", command).isNotBlank();
            exits.add("exit " + run.exit() + ": ferry " + String.join(" ", command).replace(PASSWORD, "PASSWORD").replace(WRONG, "WRONG"));
            if (run.exit() == 0) {
                succeeded++;
            } else {
                failed++;
            }
        }
        assertThat(succeeded).as("the canary ran commands that succeed:\n%s", String.join("\n", exits)).isGreaterThanOrEqualTo(28);
        assertThat(failed).as("and commands that fail:\n%s", String.join("\n", exits)).isGreaterThanOrEqualTo(26);
        assertThat(dir.resolve("backups")).as("repair --history saved the rows it rewrote").isNotEmptyDirectory();
        assertThat(dir.resolve("canary-backups")).as("the backup with the password URL was taken").isNotEmptyDirectory();
        try (Stream<Path> taken = Files.list(dir.resolve("canary-backups"))) {
            assertThat(taken.map(p -> p.getFileName().toString())).as("the MariaDB backup with the password URL was taken")
                    .anyMatch(n -> n.startsWith(mariaDbSource + "-"));
        }
        try (var c = TestMariaDb.connect(mariaDbTarget); var s = c.createStatement()) {
            assertThat(dev.ferry.testkit.Sql.scalar(s, "SELECT COUNT(*) FROM canary")).as("restore --clean with the password URL").isEqualTo(2);
        }
        try (var c = TestPostgres.connect(copyFromMariaDbTo); var s = c.createStatement()) {
            assertThat(dev.ferry.testkit.Sql.scalar(s, "SELECT COUNT(*) FROM canary")).as("copy from MariaDB with password URLs").isEqualTo(2);
        }
        try (var c = TestMariaDb.connect(copyIntoMariaDb); var s = c.createStatement()) {
            assertThat(dev.ferry.testkit.Sql.scalar(s, "SELECT COUNT(*) FROM canary_rows")).as("copy into MariaDB with password URLs").isEqualTo(1);
        }
        try (var c = TestPostgres.connect(envDb); var s = c.createStatement()) {
            assertThat(dev.ferry.testkit.Sql.scalar(s, "SELECT COUNT(*) FROM ferry_environment WHERE name = 'canary'")).as("env claim with a password URL").isEqualTo(1);
        }
        try (Stream<Path> backups = Files.list(dir.resolve("canary-backups"))) {
            assertThat(backups.filter(b -> Files.isRegularFile(b.resolve("dump.pgdump"))).count()).as("the pg_dump and docker:// backups were taken")
                    .isGreaterThanOrEqualTo(2);
        }
        assertThat(dir.resolve("bin/argv.log")).as("the stand-in docker ran, and the walk below reads what it was given").content()
                .contains("exec -i -e PGPASSWORD c pg_dump");
        try (Stream<Path> runs = Files.list(dir.resolve(".ferry/runs"))) {
            assertThat(runs.map(r -> content(r.resolve("log.txt"))).toList()).as("the plan's shell step printed the env file into the journal's log, masked")
                    .anyMatch(log -> log.contains("[show_env] DATABASE_URL=postgres://") && log.contains("JWT_SECRET=***"));
        }
        try (Stream<Path> reports = Files.list(dir.resolve("reports"))) {
            assertThat(reports.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".html") || n.endsWith(".json")).count())
                    .as("the validate runs wrote their JSON and HTML reports, which the walk below reads").isGreaterThanOrEqualTo(8);
        }
        assertThat(toolRow("SELECT version FROM schema_migrations")).as("the Rails repair, undone").isEqualTo("20240101000001");
        try (var c = TestPostgres.connect(commandDb); var s = c.createStatement();
             var r = s.executeQuery("SELECT string_agg(id || ' ' || status || ' ' || coalesce(detail, ''), '; ' ORDER BY id) FROM ferry_data_history")) {
            r.next();
            assertThat(r.getString(1)).as("the careless commands ran (D1 connected with the password it was given), and their history keeps no password")
                    .contains("1 COMPLETED", "2 FAILED", "exited with code 3", "3 FAILED", "Connected with ***").doesNotContain(PASSWORD);
        }
        assertThat(dir.resolve("reports/data/D1.jsonl")).as("a careless command's reason, in the outcome log").content().contains("refused ***");
        assertThat(toolRow("SELECT script FROM flyway_schema_history")).as("the Flyway repair").isEqualTo("V1__canary_renamed.sql");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(".env"))
                    .filter(f -> !dir.relativize(f).startsWith(".git")).toList()) {
                assertThat(content(f)).as("file %s", f).doesNotContain(PASSWORD, WRONG, JWT);
            }
        }
    }

    /** A file's text; a backup's zstd streams decompressed first, so that compression cannot hide a secret. */
    private static String content(Path f) {
        try {
            return contentOf(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String contentOf(Path f) throws java.io.IOException {
        byte[] bytes = Files.readAllBytes(f);
        if (f.getFileName().toString().endsWith(".zst")) {
            try (var in = new com.github.luben.zstd.ZstdInputStream(new java.io.ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** ferry serve with the password in its URL: no key, password or other secret in any response, header or log line. */
    @Test
    void theServerShowsNoPasswordOrKeyInAnyResponseOrLogLine() throws Exception {
        TestPostgres.createPasswordUser(PASSWORD);
        String runKey = "Rk" + UUID.randomUUID().toString().replace("-", "");
        String readKey = "Rd" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> keys = Map.of("FERRY_API_KEYS", "ops:run:" + runKey + ",viewer:read:" + readKey);
        StringBuilder seen = new StringBuilder();
        try (ServeProcess serve = ServeProcess.start(dir, keys, "--yes", "--url", url(PASSWORD))) {
            for (String path : List.of("/api/health", "/api/openapi.json", "/api/migrations", "/api/data", "/api/backups", "/api/jobs", "/",
                    "/api/nothing-here")) {
                for (String key : java.util.Arrays.asList(null, readKey, runKey, WRONG)) {
                    java.net.http.HttpResponse<String> response = serve.get(path, key);
                    seen.append(response.statusCode()).append(' ').append(response.headers().map()).append('\n').append(response.body()).append('\n');
                }
            }
            for (String path : List.of("/api/migrations/migrate?dryRun=true&wait=true", "/api/data/run?wait=true", "/api/deploy")) {
                java.net.http.HttpResponse<String> job = serve.send("POST", path, runKey);
                seen.append(job.statusCode()).append(' ').append(job.headers().map()).append('\n').append(job.body()).append('\n');
                String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(job.body()).path("id").asText();
                seen.append(String.join("\n", serve.events(id, readKey))).append('\n');
                seen.append(serve.get("/api/jobs/" + id, readKey).body()).append('\n');
            }
            serve.stop();
            seen.append(serve.out()).append(serve.err());
        }
        seen.append(Files.readString(dir.resolve("reports/serve-audit.jsonl")));
        assertThat(seen.toString()).contains("key=viewer", "key=ops", "\"migrations\"", "end {\"id\"", "\"key\":\"ops\"")
                .doesNotContain(PASSWORD, runKey, readKey, WRONG, JWT);
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

    /**
     * ferry secrets compare on two env files holding the canary values: fingerprints only, in text,
     * JSON, with -v and on a bad line, and not because the mask caught them (no *** either). The
     * files are named .env, which the walk of the first test leaves out, as it does the workspace's own.
     */
    @Test
    void secretsCompareShowsFingerprintsAndNeverAValue() throws Exception {
        String other = "Ot" + UUID.randomUUID().toString().replace("-", "");
        Path old = Files.createDirectories(dir.resolve("secrets-old")).resolve(".env");
        Path now = Files.createDirectories(dir.resolve("secrets-new")).resolve(".env");
        Files.writeString(old, "NEXTAUTH_SECRET=" + PASSWORD + "\nJWT_SECRET=" + JWT + "\nONLY_OLD='" + WRONG + "'\n");
        Files.writeString(now, "NEXTAUTH_SECRET=\"" + PASSWORD + "\"\nJWT_SECRET=" + other + "\n");
        Path bad = Files.createDirectories(dir.resolve("secrets-bad")).resolve(".env");
        Files.writeString(bad, "NEXTAUTH_SECRET=" + PASSWORD + "\nJWT_SECRET=\"" + JWT + "\n");
        List<List<String>> runs = List.of(
                List.of("secrets", "compare", "secrets-old/.env", "secrets-new/.env"),
                List.of("--json", "secrets", "compare", "secrets-old/.env", "secrets-new/.env"),
                List.of("-v", "secrets", "compare", "secrets-old/.env", "secrets-new/.env", "--keys", "NEXTAUTH_SECRET,JWT_SECRET,NOWHERE"),
                List.of("secrets", "compare", "secrets-old/.env", "secrets-new/.env", "--json", "--keys", "JWT_SECRET"));
        for (List<String> args : runs) {
            CliRun run = CliRun.process(dir, Map.of(), args.toArray(String[]::new));
            assertThat(run.exit()).as("ferry %s: %s", args, run.all()).isEqualTo(1);
            assertThat(run.all()).as("ferry %s", args).containsPattern("[0-9a-f]{8}").containsIgnoringCase("different")
                    .doesNotContain(PASSWORD, JWT, WRONG, other, "***");
        }
        for (String flag : List.of("-v", "--json")) {
            CliRun failing = CliRun.process(dir, Map.of(), flag, "secrets", "compare", "secrets-old/.env", "secrets-bad/.env");
            assertThat(failing.exit()).as(failing.all()).isEqualTo(2);
            assertThat(failing.all()).contains("line 2, column 12").doesNotContain(PASSWORD, JWT, WRONG, other);
        }
    }
}
