package dev.ferry.testkit;

import dev.ferry.connect.HistoryConfig;
import dev.ferry.connect.HistoryTool;
import dev.ferry.error.FerryException;
import dev.ferry.migrate.ChangeResult;
import dev.ferry.migrate.MigrationState;
import dev.ferry.migrate.MigrationStatus;
import dev.ferry.migrate.StatusResult;
import dev.ferry.migrate.ToolHistories;
import dev.ferry.testkit.RenamedRunbook.ToolTables;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.ferry.testkit.RenamedRunbook.NEW_PENDING;
import static dev.ferry.testkit.RenamedRunbook.RENAMED;
import static dev.ferry.testkit.RenamedRunbook.UNTOUCHED;
import static dev.ferry.testkit.RenamedRunbook.sha256;
import static dev.ferry.testkit.RenamedRunbook.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Other tools' histories repaired in place, on every database: the seven files of a runbook renamed
 * after deploy (moved from their January and July 2025 timestamps to 20250823000001…7), with each
 * tool's table written as the tool writes it (Flyway's by Flyway itself). After a repair the tool's
 * own rules must see every file applied; after an undo the table must hold its old rows again.
 */
public abstract class ToolHistoryContract extends FreshDatabaseTest {
    private static final Duration LOCK = Duration.ofSeconds(10);

    /** The tools' tables as the tools create them on this database. */
    protected abstract ToolTables toolTables();

    /** Flyway configured for this test's database (the test adds the location). */
    protected abstract FluentConfiguration flyway();

    // ---------------------------------------------------------------- Rails

    @Test
    void railsRenamedFilesAreFoundThroughGitRepairedAndUndone() throws Exception {
        Path migrate = railsApp();
        ToolHistories rails = histories(HistoryTool.RAILS, migrate);
        Set<String> before = railsVersions();

        StatusResult status = rails.status();
        assertThat(states(status, MigrationState.RENAMED)).hasSize(7);
        RENAMED.forEach((was, now) -> assertThat(line(status, version(now)).detail()).isEqualTo("was " + version(was)));
        assertThat(line(status, version(NEW_PENDING)).state()).isEqualTo(MigrationState.PENDING);
        assertThat(status.agrees()).as("check exits 1").isFalse();

        ChangeResult repaired = rails.repair(LOCK);
        assertThat(repaired.changes()).hasSize(7).anySatisfy(c -> assertThat(c).contains("20250121000001 → 20250823000001"));
        assertThat(repaired.notes()).singleElement().asString().contains("backups/history-rails-");
        assertThat(repaired.remaining()).isEmpty();
        assertThat(railsVersions()).as("Rails: every file up, no row without a file").isEqualTo(railsFileVersions(migrate, NEW_PENDING));
        assertThat(rails.status().agrees()).isTrue();

        ChangeResult undone = rails.undo(null, LOCK);
        assertThat(undone.changes()).hasSize(7);
        assertThat(railsVersions()).isEqualTo(before);
        ChangeResult again = rails.undo(null, LOCK);
        assertThat(again.changes()).isEmpty();
        assertThat(again.notes()).singleElement().asString().contains("7 rows already hold");
        assertThat(railsVersions()).isEqualTo(before);
    }

    @Test
    void railsRefusesTwoFilesForOneRenamedMigrationAndChangesNothing() throws Exception {
        Path migrate = railsApp();
        Files.writeString(migrate.resolve("20250824000001_create_slave_keys.rb"), RenamedRunbook.rubyMigration("20250824000001_create_slave_keys"));
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
        RenamedRunbook.writeRailsFiles(migrate, RENAMED.values());
        try (Connection c = database.connect()) {
            RenamedRunbook.railsTable(c, toolTables(), RENAMED.keySet());
        }
        ToolHistories rails = histories(HistoryTool.RAILS, migrate);

        StatusResult status = rails.status();
        assertThat(states(status, MigrationState.MISSING)).hasSize(7)
                .allSatisfy(m -> assertThat(m.detail()).contains("git cannot tell which file it became", "not in a git repository"));
        ChangeResult nothing = rails.repair(LOCK);
        assertThat(nothing.changes()).isEmpty();
        assertThat(nothing.remaining()).hasSize(7);
        assertThat(railsVersions()).hasSize(7);
    }

    @Test
    void aNewRailsMigrationReusingADeletedOnesNameIsNotTakenForARename() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        Path migrate = Files.createDirectories(app.resolve("db/migrate"));
        RenamedRunbook.writeRailsFiles(migrate, List.of("20240101000001_add_index_to_users"));
        RenamedRunbook.git(app, "init", "-q");
        RenamedRunbook.git(app, "add", ".");
        RenamedRunbook.git(app, "commit", "-q", "-m", "first");
        try (Connection c = database.connect()) {
            RenamedRunbook.railsTable(c, toolTables(), List.of("20240101000001_add_index_to_users"));
        }
        RenamedRunbook.git(app, "rm", "-q", "db/migrate/20240101000001_add_index_to_users.rb");
        RenamedRunbook.git(app, "commit", "-q", "-m", "drop it");
        Files.createDirectories(migrate);
        Files.writeString(migrate.resolve("20250601000001_add_index_to_users.rb"), RenamedRunbook.rubyMigration("20250601000001_add_index_to_users")
                + "# add_index :users, :name\n");
        RenamedRunbook.git(app, "add", ".");
        RenamedRunbook.git(app, "commit", "-q", "-m", "a new migration of the same name");
        ToolHistories rails = histories(HistoryTool.RAILS, migrate);

        StatusResult status = rails.status();
        assertThat(line(status, "20240101000001").state()).isEqualTo(MigrationState.MISSING);
        assertThat(line(status, "20250601000001").state()).as("a new migration, to be run").isEqualTo(MigrationState.PENDING);
        assertThat(rails.repair(LOCK).changes()).isEmpty();
        assertThat(railsVersions()).containsExactly("20240101000001");
    }

    @Test
    void railsVersionsShiftedOntoOtherFilesAreRefusedNotPairedByVersion() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        Path migrate = Files.createDirectories(app.resolve("db/migrate"));
        RenamedRunbook.writeRailsFiles(migrate, List.of("1_create_a", "2_create_b"));
        RenamedRunbook.git(app, "init", "-q");
        RenamedRunbook.git(app, "add", ".");
        RenamedRunbook.git(app, "commit", "-q", "-m", "deployed");
        try (Connection c = database.connect()) {
            RenamedRunbook.railsTable(c, toolTables(), List.of("1_create_a", "2_create_b"));
        }
        RenamedRunbook.git(app, "mv", "db/migrate/2_create_b.rb", "db/migrate/3_create_b.rb");
        RenamedRunbook.git(app, "mv", "db/migrate/1_create_a.rb", "db/migrate/2_create_a.rb");
        RenamedRunbook.git(app, "commit", "-q", "-m", "shift");
        ToolHistories rails = histories(HistoryTool.RAILS, migrate);

        assertThat(line(rails.status(), "2")).satisfies(m -> {
            assertThat(m.state()).isEqualTo(MigrationState.AMBIGUOUS);
            assertThat(m.detail()).contains("2_create_b.rb", "3_create_b.rb", "2_create_a.rb");
        });
        assertThat(catchThrowableOfType(FerryException.class, () -> rails.repair(LOCK)).exitCode().code()).isEqualTo(1);
        assertThat(railsVersions()).containsExactly("1", "2");
    }

    @Test
    void aDeletedMigrationAndASimilarNewOneInOneCommitAreNotARename() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        Path migrate = Files.createDirectories(app.resolve("db/migrate"));
        Files.writeString(migrate.resolve("20250101000001_create_widgets.rb"),
                "class CreateWidgets < ActiveRecord::Migration[7.1]\n  def change\n    create_table :widgets do |t|\n      t.string :name\n"
                        + "      t.integer :size\n      t.timestamps\n    end\n  end\nend\n");
        RenamedRunbook.git(app, "init", "-q");
        RenamedRunbook.git(app, "add", ".");
        RenamedRunbook.git(app, "commit", "-q", "-m", "widgets");
        try (Connection c = database.connect()) {
            RenamedRunbook.railsTable(c, toolTables(), List.of("20250101000001_create_widgets"));
        }
        RenamedRunbook.git(app, "rm", "-q", "db/migrate/20250101000001_create_widgets.rb");
        Files.createDirectories(migrate);
        Files.writeString(migrate.resolve("20250301000001_create_gadgets.rb"),
                "class CreateGadgets < ActiveRecord::Migration[7.1]\n  def change\n    create_table :gadgets do |t|\n      t.string :name\n"
                        + "      t.integer :size\n      t.timestamps\n    end\n  end\nend\n");
        RenamedRunbook.git(app, "add", ".");
        RenamedRunbook.git(app, "commit", "-q", "-m", "gadgets instead");
        ToolHistories rails = histories(HistoryTool.RAILS, migrate);

        assertThat(line(rails.status(), "20250301000001").state()).as("a new migration that must run").isEqualTo(MigrationState.PENDING);
        assertThat(rails.repair(LOCK).changes()).isEmpty();
        assertThat(railsVersions()).containsExactly("20250101000001");
    }

    @Test
    void railsFilesRenamedBackByHandAreApplied() throws Exception {
        Path migrate = railsApp();
        Path app = migrate.getParent().getParent();
        for (Map.Entry<String, String> r : RENAMED.entrySet()) {
            RenamedRunbook.git(app, "mv", "db/migrate/" + r.getValue() + ".rb", "db/migrate/" + r.getKey() + ".rb");
        }
        RenamedRunbook.git(app, "commit", "-q", "-m", "rename them back, as the runbook did");
        StatusResult status = histories(HistoryTool.RAILS, migrate).status();
        assertThat(status.agrees()).as(status.migrations().toString()).isTrue();
        assertThat(states(status, MigrationState.APPLIED)).hasSize(9);
    }

    // ---------------------------------------------------------------- Prisma

    @Test
    void prismaRenamedFoldersAreFoundByChecksumRepairedAndUndone() throws Exception {
        Path migrations;
        try (Connection c = database.connect()) {
            migrations = RenamedRunbook.prismaProject(dir, c, toolTables());
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
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute(toolTables().prisma());
            RenamedRunbook.prismaRow(c, UNTOUCHED.get(0), sha256(RenamedRunbook.prismaFolder(migrations, UNTOUCHED.get(0))), false, false);
        }
        ToolHistories prisma = histories(HistoryTool.PRISMA, migrations);

        MigrationStatus failed = line(prisma.status(), version(UNTOUCHED.get(0)));
        assertThat(failed.state()).isEqualTo(MigrationState.FAILED);
        assertThat(failed.fix()).contains("prisma migrate resolve --rolled-back " + UNTOUCHED.get(0));
        assertThat(prisma.repair(LOCK).changes()).isEmpty();
    }

    @Test
    void twoPrismaMigrationsOfOneContentAreNotBothRenamedToOneFolder() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("prisma/migrations"));
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute(toolTables().prisma());
            for (String name : List.of("20250101000000_seed_a", "20250102000000_seed_b")) {
                Path file = Files.writeString(Files.createDirectories(migrations.resolve(name)).resolve("migration.sql"), "-- This is an empty migration.");
                RenamedRunbook.prismaRow(c, name, sha256(file), true, false);
            }
        }
        RenamedRunbook.deleteTree(migrations.resolve("20250101000000_seed_a"));
        Files.move(migrations.resolve("20250102000000_seed_b"), migrations.resolve("20250103000000_seed_b"));
        ToolHistories prisma = histories(HistoryTool.PRISMA, migrations);
        Map<String, String> before = prismaNames();

        assertThat(states(prisma.status(), MigrationState.AMBIGUOUS)).hasSize(2);
        assertThatThrownBy(() -> prisma.repair(LOCK)).hasMessageContaining("nothing was changed");
        assertThat(prismaNames()).isEqualTo(before);
    }

    @Test
    void aPrismaFolderCheckedOutWithCrlfIsNeitherEditedNorLost() throws Exception {
        Path migrations;
        try (Connection c = database.connect()) {
            migrations = RenamedRunbook.prismaProject(dir, c, toolTables());
        }
        try (var folders = Files.list(migrations)) {
            for (Path f : folders.map(d -> d.resolve("migration.sql")).toList()) {
                Files.writeString(f, Files.readString(f).replace("\n", "\r\n"));
            }
        }
        StatusResult status = histories(HistoryTool.PRISMA, migrations).status();
        assertThat(states(status, MigrationState.RENAMED)).hasSize(7);
        assertThat(states(status, MigrationState.APPLIED)).hasSize(2);
    }

    // ---------------------------------------------------------------- Flyway

    @Test
    void aRenamedFileInAHistoryFlywayWroteIsRepairedUntilFlywayValidates() throws Exception {
        Path sql = dir.resolve("db/migration");
        RenamedRunbook.flywayFiles(sql);
        Flyway flyway = flyway().locations("filesystem:" + sql).load();
        flyway.migrate();
        RenamedRunbook.renameFlywayFiles(sql);
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

    @Test
    void aFileFlywayMarkedDeletedIsNotMissingAndANewFileOfItsContentIsPending() throws Exception {
        Path sql = Files.createDirectories(dir.resolve("db/migration"));
        Files.writeString(sql.resolve("V1__a.sql"), "CREATE TABLE a (id INTEGER);\n");
        Files.writeString(sql.resolve("V2__idx.sql"), "CREATE TABLE b (id INTEGER);\n");
        Files.writeString(sql.resolve("V3__c.sql"), "CREATE TABLE c (id INTEGER);\n");
        Flyway flyway = flyway().locations("filesystem:" + sql).load();
        flyway.migrate();
        Files.delete(sql.resolve("V2__idx.sql"));
        flyway.repair(); // Flyway marks V2 deleted
        Files.writeString(sql.resolve("V4__idx_again.sql"), "CREATE TABLE b (id INTEGER);\n");
        assertThat(flyway.info().pending()).as("Flyway's own view").hasSize(1);
        ToolHistories history = histories(HistoryTool.FLYWAY, sql);

        StatusResult status = history.status();
        assertThat(status.migrations()).noneMatch(m -> m.state() == MigrationState.MISSING || m.state() == MigrationState.RENAMED);
        assertThat(line(status, "4").state()).isEqualTo(MigrationState.PENDING);
        assertThat(history.repair(LOCK).changes()).isEmpty();
        assertThat(flyway.info().pending()).hasSize(1);
    }

    // ---------------------------------------------------------------- concurrency

    /**
     * A `prisma migrate deploy` that records the renamed folder while the repair waits: the repair
     * takes the table only once that write commits, compares inside its own transaction, and so
     * does not record the folder a second time.
     */
    @Test
    void aConcurrentWriteOfTheToolIsWaitedForAndNotDuplicated() throws Exception {
        Path migrations;
        try (Connection c = database.connect()) {
            migrations = RenamedRunbook.prismaProject(dir, c, toolTables());
        }
        String renamed = RENAMED.values().iterator().next();
        ToolHistories prisma = histories(HistoryTool.PRISMA, migrations);
        try (Connection deploy = database.connect()) {
            deploy.setAutoCommit(false);
            RenamedRunbook.prismaRow(deploy, renamed, sha256(migrations.resolve(renamed + "/migration.sql")), true, false);
            CompletableFuture<ChangeResult> repair = CompletableFuture.supplyAsync(() -> prisma.repair(LOCK));
            Thread.sleep(1500);
            assertThat(repair).as("the repair waits for the other writer").isNotDone();
            deploy.commit();
            ChangeResult result = repair.get(30, TimeUnit.SECONDS);
            assertThat(result.changes()).hasSize(6).noneMatch(l -> l.contains(renamed));
        }
        assertThat(column("SELECT migration_name FROM _prisma_migrations WHERE migration_name = '" + renamed + "'")).hasSize(1);
    }

    @Test
    void aWriterThatDoesNotFinishWithinTheLockTimeoutStopsTheRepairWithExit5() throws Exception {
        Path migrate = railsApp();
        Set<String> before = railsVersions();
        try (Connection other = database.connect(); Statement s = other.createStatement()) {
            other.setAutoCommit(false);
            s.execute("INSERT INTO schema_migrations (version) VALUES ('20990101000001')");
            FerryException locked = catchThrowableOfType(FerryException.class, () -> histories(HistoryTool.RAILS, migrate).repair(Duration.ofSeconds(1)));
            assertThat(locked).isNotNull();
            assertThat(locked.exitCode().code()).isEqualTo(5);
            assertThat(locked.getMessage()).contains("another session is writing to schema_migrations", "nothing was changed");
            other.rollback();
        }
        assertThat(railsVersions()).isEqualTo(before);
        assertThat(dir.resolve("backups")).doesNotExist();
    }

    // ---------------------------------------------------------------- fixtures

    private ToolHistories histories(HistoryTool tool, Path files) {
        return new ToolHistories(database, new HistoryConfig(null, null, tool), files, dir.resolve("backups"));
    }

    private Path railsApp() throws Exception {
        try (Connection c = database.connect()) {
            return RenamedRunbook.railsApp(Files.createDirectories(dir.resolve("app")), c, toolTables());
        }
    }

    private Set<String> railsVersions() throws SQLException {
        return new TreeSet<>(column("SELECT version FROM schema_migrations"));
    }

    private static Set<String> railsFileVersions(Path migrate, String except) throws IOException {
        try (var files = Files.list(migrate)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(version(except))).map(RenamedRunbook::version)
                    .collect(Collectors.toCollection(TreeSet::new));
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

    private List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }

    private static List<MigrationStatus> states(StatusResult status, MigrationState state) {
        return status.migrations().stream().filter(m -> m.state() == state).toList();
    }

    private static MigrationStatus line(StatusResult status, String version) {
        return status.migrations().stream().filter(m -> version.equals(m.version())).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + version + " in " + status.migrations()));
    }
}
