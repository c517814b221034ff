package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.RenamedRunbook;
import dev.ferry.testkit.RenamedRunbook.ToolTables;
import dev.ferry.testkit.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static dev.ferry.testkit.RenamedRunbook.RENAMED;
import static dev.ferry.testkit.RenamedRunbook.version;
import static org.assertj.core.api.Assertions.assertThat;

/** status, check and repair --history as a user runs them against a Rails, Prisma and Flyway history. */
class ToolHistoryCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The Rails app in {@link #dir} and its database's name. */
    private String railsApp() throws Exception {
        String db = TestPostgres.createDatabase("railsapp");
        try (Connection c = TestPostgres.connect(db)) {
            RenamedRunbook.railsApp(dir, c, ToolTables.POSTGRES);
        }
        return db;
    }

    private CliRun run(String... args) {
        return CliRun.inProcess(dir, Map.of(), args);
    }

    @Test
    void theRunbooksSevenRenamedRailsFilesAreShownRepairedAndUndone() throws Exception {
        String db = railsApp();
        String url = TestPostgres.url(db);
        Set<String> deployed = versions(db);

        CliRun status = run("status", "--history", "rails", "--url", url);
        assertThat(status.exit()).as(status.all()).isZero();
        RENAMED.forEach((was, now) -> assertThat(status.out()).containsPattern("(?m)^" + version(now) + "\\s+.*renamed \\(was " + version(was) + "\\)"));
        assertThat(status.out()).containsPattern("(?m)^20250901000001\\s+add index to tracks\\s+pending").contains("Rails's schema_migrations: ");

        CliRun check = run("check", "--history", "rails", "--url", url);
        assertThat(check.exit()).as(check.all()).isEqualTo(1);
        assertThat(check.out()).contains("7 problems in Rails's schema_migrations in", "ferry repair --history rails");

        CliRun repair = run("repair", "--history", "rails", "--url", url);
        assertThat(repair.exit()).as(repair.all()).isZero();
        assertThat(repair.out()).contains("schema_migrations: version 20250121000001 → 20250823000001; nothing run",
                "note: the rows as they were are saved in backups/history-rails-railsapp", "--undo puts them back", "repair --history rails: 7 changes");
        assertThat(run("check", "--history", "rails", "--url", url).exit()).isZero();
        assertThat(versions(db)).as("every file is up in Rails's terms, and only the new one is down")
                .isEqualTo(fileVersions(dir.resolve("db/migrate"), "20250901000001"));

        CliRun undo = run("repair", "--history", "rails", "--undo", "--url", url);
        assertThat(undo.exit()).as(undo.all()).isZero();
        assertThat(undo.out()).contains("schema_migrations: version 20250823000001 → 20250121000001, as before the repair of");
        assertThat(versions(db)).isEqualTo(deployed);
    }

    @Test
    void ferryYamlNamesTheToolAndMigrateIsRefused() throws Exception {
        String url = TestPostgres.url(railsApp());
        Files.writeString(dir.resolve("ferry.yaml"), "history: { tool: rails }\n");

        assertThat(run("status", "--url", url).out()).contains("renamed (was 20250121000001)");
        CliRun migrate = run("migrate", "--url", url);
        assertThat(migrate.exit()).isEqualTo(2);
        assertThat(migrate.err()).contains("never runs its migrations", "bin/rails db:migrate").doesNotContain("Exception");
        Files.createDirectories(dir.resolve("migrations"));
        CliRun own = run("status", "--history", "ferry", "--url", url);
        assertThat(own.all()).contains("golang-migrate's history schema_migrations", "ferry status --history rails");
    }

    @Test
    void jsonForRailsPrismaAndFlyway() throws Exception {
        String rails = TestPostgres.url(railsApp());
        Path prismaDir = Files.createDirectories(dir.resolve("shop"));
        String prismaDb = TestPostgres.createDatabase("prismaapp");
        try (Connection c = TestPostgres.connect(prismaDb)) {
            RenamedRunbook.prismaProject(prismaDir, c, ToolTables.POSTGRES);
        }
        Path flywaySql = dir.resolve("service/src/main/resources/db/migration");
        RenamedRunbook.flywayFiles(flywaySql);
        String sqlite = "sqlite:" + dir.resolve("service.db") + "?create=true";
        Flyway.configure().dataSource("jdbc:sqlite:" + dir.resolve("service.db"), null, null).locations("filesystem:" + flywaySql).load().migrate();
        RenamedRunbook.renameFlywayFiles(flywaySql);

        assertJson("rails", rails, null);
        assertJson("prisma", TestPostgres.url(prismaDb), "shop/prisma/migrations");
        assertJson("flyway", sqlite, "service/src/main/resources/db/migration");
    }

    private void assertJson(String tool, String url, String directory) throws Exception {
        String[] where = directory == null ? new String[] {"--url", url} : new String[] {"--url", url, "--dir", directory};
        CliRun status = run(concat(new String[] {"--json", "status", "--history", tool}, where));
        assertThat(status.exit()).as(status.all()).isZero();
        JsonNode s = JSON.readTree(status.out());
        assertThat(s.get("history").asText()).contains(tool.equals("flyway") ? "flyway_schema_history" : tool.equals("prisma") ? "_prisma_migrations" : "schema_migrations");
        assertThat(count(s.get("migrations"), "RENAMED")).as(tool).isEqualTo(7);

        CliRun check = run(concat(new String[] {"--json", "check", "--history", tool}, where));
        assertThat(check.exit()).as(check.all()).isEqualTo(1);
        assertThat(count(JSON.readTree(check.out()).get("status").get("migrations"), "RENAMED")).isEqualTo(7);

        CliRun repair = run(concat(new String[] {"--json", "repair", "--history", tool}, where));
        assertThat(repair.exit()).as(repair.all()).isZero();
        JsonNode r = JSON.readTree(repair.out());
        assertThat(r.get("changes")).hasSize(7);
        assertThat(r.get("notes").get(0).asText()).contains("backups/history-" + tool + "-");
        assertThat(r.get("remaining")).isEmpty();

        CliRun undo = run(concat(new String[] {"--json", "repair", "--history", tool, "--undo"}, where));
        assertThat(undo.exit()).as(undo.all()).isZero();
        assertThat(JSON.readTree(undo.out()).get("changes")).hasSize(7);
        assertThat(JSON.readTree(undo.out()).get("remaining")).hasSize(7);
    }

    private static long count(JsonNode migrations, String state) {
        long n = 0;
        for (JsonNode m : migrations) {
            n += m.get("state").asText().equals(state) ? 1 : 0;
        }
        return n;
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    static Set<String> versions(String db) throws Exception {
        Set<String> versions = new TreeSet<>();
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT version FROM schema_migrations")) {
            while (r.next()) {
                versions.add(r.getString(1));
            }
        }
        return versions;
    }

    static Set<String> fileVersions(Path migrate, String except) throws Exception {
        try (Stream<Path> files = Files.list(migrate)) {
            return files.map(p -> version(p.getFileName().toString())).filter(v -> !v.equals(except)).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }
}
