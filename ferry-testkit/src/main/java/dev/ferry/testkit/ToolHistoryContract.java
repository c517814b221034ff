package dev.ferry.testkit;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.connect.HistoryConfig;
import dev.ferry.connect.HistoryTool;
import dev.ferry.error.FerryException;
import dev.ferry.migrate.ChangeResult;
import dev.ferry.migrate.MigrationState;
import dev.ferry.migrate.MigrationStatus;
import dev.ferry.migrate.StatusResult;
import dev.ferry.migrate.ToolHistories;
import dev.ferry.spi.Database;
import dev.ferry.spi.Dialect;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Other tools' histories repaired in place, on every database: the seven files of a runbook renamed
 * after deploy (moved from their January and July 2025 timestamps to 20250823000001…7), with each
 * tool's table written as the tool writes it (Flyway's by Flyway itself). After a repair the tool's
 * own rules must see every file applied; after an undo the table must hold its old rows again.
 */
public abstract class ToolHistoryContract {
    /** The runbook's seven migrations: where they were, and the name each keeps. */
    protected static final Map<String, String> RENAMED = renamed();
    private static final List<String> UNTOUCHED = List.of("20241201000001_create_users", "20241202000001_create_tracks");
    private static final String NEW_PENDING = "20250901000001_add_index_to_tracks";
    private static final Duration LOCK = Duration.ofSeconds(10);

    @TempDir
    protected Path dir;
    protected Database database;
    protected DatabaseUrl url;

    protected abstract Dialect dialect();

    /** A new, empty database for one test. */
    protected abstract DatabaseUrl newDatabase();

    /** {@code schema_migrations} exactly as Rails's ActiveRecord::SchemaMigration creates it on this database. */
    protected abstract String railsTable();

    /** {@code _prisma_migrations} exactly as Prisma's migration engine creates it on this database. */
    protected abstract String prismaTable();

    /** Flyway configured for this test's database (the test adds the location). */
    protected abstract FluentConfiguration flyway();

    @BeforeEach
    void openDatabase() {
        url = newDatabase();
        database = dialect().open(url);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    private static Map<String, String> renamed() {
        Map<String, String> m = new LinkedHashMap<>();
        String[] was = {"20250121000001", "20250121000002", "20250715000001", "20250715000002", "20250716000001", "20250716000002", "20250717000001"};
        String[] names = {"create_sync_status_tracking", "create_system_settings", "add_archive_sync_settings", "create_sync_changes",
                "create_slave_keys", "create_jukebox_keys", "create_conflict_logs"};
        for (int i = 0; i < was.length; i++) {
            m.put(was[i] + "_" + names[i], "2025082300000" + (i + 1) + "_" + names[i]);
        }
        return m;
    }

    // ---------------------------------------------------------------- Rails

    @Test
    void railsRenamedFilesAreFoundThroughGitRepairedAndUndone() throws Exception {
        Path migrate = railsAppRenamedAfterDeploy();
        ToolHistories rails = histories(HistoryTool.RAILS, migrate);
        Set<String> before = railsVersions();

        StatusResult status = rails.status();
        assertThat(states(status, MigrationState.RENAMED)).hasSize(7);
        RENAMED.forEach((was, now) -> assertThat(line(status, version(now)).detail()).isEqualTo("was " + version(was)));
        assertThat(line(status, version(NEW_PENDING)).state()).isEqualTo(MigrationState.PENDING);
        assertThat(status.agrees()).as("check exits 1").isFalse();

        ChangeResult repaired = rails.repair(LOCK);
        assertThat(repaired.changes()).hasSize(8).anySatisfy(c -> assertThat(c).contains("20250121000001 → 20250823000001"))
                .last().asString().contains("backups/history-rails-");
        assertThat(repaired.remaining()).isEmpty();
        assertThat(railsVersions()).as("Rails: every file up, no row without a file").isEqualTo(railsFileVersions(migrate, NEW_PENDING));
        assertThat(rails.status().agrees()).isTrue();

        ChangeResult undone = rails.undo(null, LOCK);
        assertThat(undone.changes()).hasSize(7);
        assertThat(railsVersions()).isEqualTo(before);
        assertThat(rails.undo(null, LOCK).changes()).singleElement().asString().contains("7 rows already hold");
        assertThat(railsVersions()).isEqualTo(before);
    }

    @Test
    void railsRefusesTwoFilesForOneRenamedMigrationAndChangesNothing() throws Exception {
        Path migrate = railsAppRenamedAfterDeploy();
        Files.writeString(migrate.resolve("20250824000001_create_slave_keys.rb"), rubyMigration("create_slave_keys"));
        Set<String> before = railsVersions();
        ToolHistories rails = histories(HistoryTool.RAILS, migrate);

        assertThat(states(rails.status(), MigrationState.AMBIGUOUS)).singleElement()
                .satisfies(a -> assertThat(a.detail()).contains("20250823000005_create_slave_keys.rb", "20250824000001_create_slave_keys.rb"));
        FerryException refused = catchThrowableOfType(FerryException.class, () -> rails.repair(LOCK));
        assertThat(refused.exitCode().code()).isEqualTo(1);
        assertThat(refused.getMessage()).contains("20250716000001", "nothing was changed");
        assertThat(railsVersions()).isEqualTo(before);
        assertThat(dir.resolve("backups")).doesNotExist();
    }

    @Test
    void railsWithoutGitSaysWhyAVersionCannotBePairedAndChangesNothing() throws Exception {
        Path migrate = Files.createDirectories(dir.resolve("app/db/migrate"));
        writeRailsFiles(migrate, RENAMED.values());
        createRailsTable(RENAMED.keySet());
        ToolHistories rails = histories(HistoryTool.RAILS, migrate);

        StatusResult status = rails.status();
        assertThat(states(status, MigrationState.MISSING)).hasSize(7)
                .allSatisfy(m -> assertThat(m.detail()).contains("former name is not known", "not in a git repository"));
        ChangeResult nothing = rails.repair(LOCK);
        assertThat(nothing.changes()).isEmpty();
        assertThat(nothing.remaining()).hasSize(7);
        assertThat(railsVersions()).hasSize(7);
    }

    // ---------------------------------------------------------------- Prisma

    @Test
    void prismaRenamedFoldersAreFoundByChecksumRepairedAndUndone() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("prisma/migrations"));
        List<String> old = new ArrayList<>(UNTOUCHED);
        old.addAll(RENAMED.keySet());
        for (String name : old) {
            writePrismaFolder(migrations, name);
        }
        createPrismaTable();
        for (String name : old) {
            insertPrismaRow(name, sha256(migrations.resolve(name + "/migration.sql")), true, false);
        }
        writePrismaFolder(migrations, NEW_PENDING);
        insertPrismaRow(NEW_PENDING, sha256(migrations.resolve(NEW_PENDING + "/migration.sql")), false, true); // resolved as rolled back
        for (Map.Entry<String, String> r : RENAMED.entrySet()) {
            Files.move(migrations.resolve(r.getKey()), migrations.resolve(r.getValue()));
        }
        ToolHistories prisma = histories(HistoryTool.PRISMA, migrations);
        Map<String, String> before = prismaNames();

        StatusResult status = prisma.status();
        assertThat(states(status, MigrationState.RENAMED)).hasSize(7);
        assertThat(line(status, "20250823000004").detail()).isEqualTo("was 20250715000002_create_sync_changes");
        assertThat(line(status, version(NEW_PENDING))).satisfies(m -> {
            assertThat(m.state()).isEqualTo(MigrationState.PENDING);
            assertThat(m.detail()).contains("rolled back");
        });

        assertThat(prisma.repair(LOCK).remaining()).isEmpty();
        assertThat(prismaPending(migrations)).as("Prisma's rules: nothing but the rolled-back folder is pending").containsExactly(NEW_PENDING);

        prisma.undo(null, LOCK);
        assertThat(prismaNames()).isEqualTo(before);
    }

    @Test
    void aFailedPrismaMigrationIsShownAsPrismaShowsItAndNotTouched() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("prisma/migrations"));
        writePrismaFolder(migrations, UNTOUCHED.get(0));
        createPrismaTable();
        insertPrismaRow(UNTOUCHED.get(0), sha256(migrations.resolve(UNTOUCHED.get(0) + "/migration.sql")), false, false);
        ToolHistories prisma = histories(HistoryTool.PRISMA, migrations);

        MigrationStatus failed = line(prisma.status(), version(UNTOUCHED.get(0)));
        assertThat(failed.state()).isEqualTo(MigrationState.FAILED);
        assertThat(failed.fix()).contains("prisma migrate resolve --rolled-back " + UNTOUCHED.get(0));
        assertThat(prisma.repair(LOCK).changes()).isEmpty();
    }

    // ---------------------------------------------------------------- Flyway

    @Test
    void aRenamedFileInAHistoryFlywayWroteIsRepairedUntilFlywayValidates() throws Exception {
        Path sql = Files.createDirectories(dir.resolve("db/migration"));
        List<String> old = new ArrayList<>(UNTOUCHED);
        old.addAll(RENAMED.keySet());
        for (String name : old) {
            Files.writeString(sql.resolve(flywayFile(name)), createTable(name));
        }
        Flyway flyway = flyway().locations("filesystem:" + sql).load();
        flyway.migrate();
        for (Map.Entry<String, String> r : RENAMED.entrySet()) {
            Files.move(sql.resolve(flywayFile(r.getKey())), sql.resolve(flywayFile(r.getValue())));
        }
        assertThatThrownBy(flyway::validate).as("Flyway itself sees the renames").hasMessageContaining("not resolved locally");
        ToolHistories history = histories(HistoryTool.FLYWAY, sql);
        Map<Integer, String> before = flywayRows();

        StatusResult status = history.status();
        assertThat(states(status, MigrationState.RENAMED)).hasSize(7);
        assertThat(line(status, "20250823000001").detail()).contains("V20250121000001");

        assertThat(history.repair(LOCK).remaining()).isEmpty();
        flyway.validate();
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.info().applied()).extracting(MigrationInfo::getScript).containsExactlyInAnyOrderElementsOf(
                Files.list(sql).map(p -> p.getFileName().toString()).toList());

        history.undo(null, LOCK);
        assertThat(flywayRows()).isEqualTo(before);
        assertThatThrownBy(flyway::validate).hasMessageContaining("not resolved locally");
    }

    // ---------------------------------------------------------------- fixtures

    private ToolHistories histories(HistoryTool tool, Path files) {
        return new ToolHistories(database, new HistoryConfig(null, null, tool), files, dir.resolve("backups"));
    }

    /** A Rails app whose seven migrations were committed, migrated, then renamed (git mv) and committed again. */
    private Path railsAppRenamedAfterDeploy() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        Path migrate = Files.createDirectories(app.resolve("db/migrate"));
        List<String> old = new ArrayList<>(UNTOUCHED);
        old.addAll(RENAMED.keySet());
        writeRailsFiles(migrate, old);
        git(app, "init", "-q");
        git(app, "add", ".");
        git(app, "commit", "-q", "-m", "migrations as deployed");
        createRailsTable(old);
        for (Map.Entry<String, String> r : RENAMED.entrySet()) {
            git(app, "mv", "db/migrate/" + r.getKey() + ".rb", "db/migrate/" + r.getValue() + ".rb");
        }
        Files.writeString(migrate.resolve(NEW_PENDING + ".rb"), rubyMigration("add_index_to_tracks"));
        git(app, "add", ".");
        git(app, "commit", "-q", "-m", "renumber the sync migrations");
        return migrate;
    }

    private static void writeRailsFiles(Path migrate, Iterable<String> names) throws IOException {
        for (String name : names) {
            Files.writeString(migrate.resolve(name + ".rb"), rubyMigration(name.substring(name.indexOf('_') + 1)));
        }
    }

    private static String rubyMigration(String name) {
        String className = List.of(name.split("_")).stream().map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1)).collect(Collectors.joining());
        return "class " + className + " < ActiveRecord::Migration[7.1]\n  def change\n  end\nend\n";
    }

    /** schema_migrations and ar_internal_metadata as a Rails app that ran these migrations leaves them. */
    private void createRailsTable(Iterable<String> applied) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute(railsTable());
            for (String name : applied) {
                s.execute("INSERT INTO schema_migrations (version) VALUES ('" + version(name) + "')");
            }
        }
    }

    private Set<String> railsVersions() throws SQLException {
        return new TreeSet<>(column("SELECT version FROM schema_migrations"));
    }

    private static Set<String> railsFileVersions(Path migrate, String except) throws IOException {
        try (var files = Files.list(migrate)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(version(except))).map(ToolHistoryContract::version)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static void writePrismaFolder(Path migrations, String name) throws IOException {
        Path folder = Files.createDirectories(migrations.resolve(name));
        Files.writeString(folder.resolve("migration.sql"), "-- CreateTable\n" + createTable(name));
    }

    private void createPrismaTable() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute(prismaTable());
        }
    }

    /** A row as Prisma's migrate deploy writes it: finished, or started and never finished, or resolved as rolled back. */
    private void insertPrismaRow(String name, String checksum, boolean finished, boolean rolledBack) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("INSERT INTO _prisma_migrations"
                + " (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, "
                + (finished ? "CURRENT_TIMESTAMP" : "NULL") + ", ?, NULL, " + (rolledBack ? "CURRENT_TIMESTAMP" : "NULL") + ", CURRENT_TIMESTAMP, ?)")) {
            s.setString(1, UUID.randomUUID().toString());
            s.setString(2, checksum);
            s.setString(3, name);
            s.setInt(4, finished ? 1 : 0);
            s.executeUpdate();
        }
    }

    private Map<String, String> prismaNames() throws SQLException {
        Map<String, String> names = new LinkedHashMap<>();
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id, migration_name FROM _prisma_migrations ORDER BY id")) {
            while (r.next()) {
                names.put(r.getString(1), r.getString(2));
            }
        }
        return names;
    }

    /**
     * Prisma's own rule, as `prisma migrate status` applies it: a folder is applied when a row of its
     * name finished, was not rolled back and has its checksum; every applied row has a folder.
     */
    private List<String> prismaPending(Path migrations) throws Exception {
        Map<String, String> applied = new LinkedHashMap<>();
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")) {
            while (r.next()) {
                applied.put(r.getString(1), r.getString(2));
            }
        }
        List<String> folders;
        try (var list = Files.list(migrations)) {
            folders = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(folders).as("every applied migration has its folder").containsAll(applied.keySet());
        for (String f : folders) {
            if (applied.containsKey(f)) {
                assertThat(applied.get(f)).as("checksum of " + f).isEqualTo(sha256(migrations.resolve(f + "/migration.sql")));
            }
        }
        return folders.stream().filter(f -> !applied.containsKey(f)).toList();
    }

    private Map<Integer, String> flywayRows() throws SQLException {
        Map<Integer, String> rows = new LinkedHashMap<>();
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT installed_rank, version, description, script FROM flyway_schema_history ORDER BY installed_rank")) {
            while (r.next()) {
                rows.put(r.getInt(1), r.getString(2) + "|" + r.getString(3) + "|" + r.getString(4));
            }
        }
        return rows;
    }

    private static String flywayFile(String name) {
        return "V" + version(name) + "__" + name.substring(name.indexOf('_') + 1) + ".sql";
    }

    private static String createTable(String name) {
        String table = name.substring(name.indexOf('_') + 1).replaceFirst("^(create|add)_", "");
        return "CREATE TABLE t_" + table + " (id INTEGER PRIMARY KEY);\n";
    }

    private List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }

    private static String version(String name) {
        int underscore = name.indexOf('_');
        return underscore < 0 ? name : name.substring(0, underscore);
    }

    private static List<MigrationStatus> states(StatusResult status, MigrationState state) {
        return status.migrations().stream().filter(m -> m.state() == state).toList();
    }

    private static MigrationStatus line(StatusResult status, String version) {
        return status.migrations().stream().filter(m -> version.equals(m.version())).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + version + " in " + status.migrations()));
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs git in {@code dir} as a person would, with an identity of its own. */
    protected static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Ferry Test", "-c", "user.email=test@ferry.dev", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (p.exitValue() != 0) {
            throw new UncheckedIOException(new IOException("git " + String.join(" ", args) + " failed: " + out));
        }
    }
}
