package dev.ferry.testkit;

import dev.ferry.connect.HistoryConfig;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.migrate.ChangeResult;
import dev.ferry.migrate.MigrateOptions;
import dev.ferry.migrate.MigrateResult;
import dev.ferry.migrate.MigrationScanner;
import dev.ferry.migrate.MigrationState;
import dev.ferry.migrate.MigrationStatus;
import dev.ferry.migrate.MigrationVersion;
import dev.ferry.migrate.Migrations;
import dev.ferry.migrate.StatusResult;
import dev.ferry.report.Progress;
import dev.ferry.spi.AdvisoryLock;
import dev.ferry.spi.AdvisoryLocking;
import dev.ferry.spi.TransactionalDdl;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What schema migrations must do on every database: each test gets a fresh, empty database and
 * its own migrations directory. A subclass names the dialect and makes the databases.
 */
public abstract class MigrationContract extends FreshDatabaseTest {
    /** A statement that cannot run inside a transaction on this database (or any statement where DDL never can). */
    protected abstract String nonTransactionalStatement();

    protected void write(String name, String sql) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, sql);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected void rename(String from, String to) {
        try {
            Files.move(dir.resolve(from), dir.resolve(to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected Migrations migrations() {
        return new Migrations(database, MigrationScanner.scanDirectory(dir), HistoryConfig.DEFAULT, Progress.NONE);
    }

    protected MigrateResult migrate() {
        return migrations().migrate(MigrateOptions.defaults());
    }

    protected MigrateResult migrate(MigrateOptions options) {
        return migrations().migrate(options);
    }

    protected Map<String, MigrationState> states() {
        return migrations().status().migrations().stream()
                .collect(Collectors.toMap(m -> m.version() == null ? "R:" + m.description() : m.version(), MigrationStatus::state, (a, b) -> b));
    }

    protected boolean tableExists(String name) {
        try (Connection c = database.connect()) {
            return dialect().tables(c).stream().anyMatch(t -> t.name().equalsIgnoreCase(name));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    protected long count(String sql) {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    protected void execute(String sql) {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    protected boolean transactionalDdl() {
        return dialect() instanceof TransactionalDdl;
    }

    private void twoMigrations() {
        write("V1__create_users.sql", "CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(200) NOT NULL);\n");
        write("V2__create_orders.sql", "-- orders; with a semicolon in a comment\nCREATE TABLE orders (id INT PRIMARY KEY, user_id INT);\n"
                + "INSERT INTO users (id, email) VALUES (1, 'a;b@example.com');\n");
    }

    @Test
    void appliesPendingMigrationsInVersionOrderOnce() {
        twoMigrations();
        write("V1.1__add_name.sql", "ALTER TABLE users ADD name VARCHAR(100);\n");
        write("R__user_emails.sql", "CREATE VIEW user_emails AS SELECT email FROM users;\n");
        MigrateResult first = migrate();
        assertThat(first.applied()).extracting(a -> a.version() == null ? "R" : a.version()).containsExactly("1", "1.1", "2", "R");
        assertThat(first.schemaVersion()).isEqualTo("2");
        assertThat(count("SELECT COUNT(*) FROM users WHERE email = 'a;b@example.com'")).isEqualTo(1);
        assertThat(migrate().applied()).isEmpty();
        StatusResult status = migrations().status();
        assertThat(status.migrations()).extracting(MigrationStatus::state).containsOnly(MigrationState.APPLIED);
        assertThat(status.migrations()).allSatisfy(m -> assertThat(m.installedAt()).isNotNull());
        assertThat(count("SELECT COUNT(*) FROM ferry_history")).isEqualTo(4);
    }

    @Test
    void targetStopsAtAVersion() {
        twoMigrations();
        assertThat(migrate(new MigrateOptions(MigrationVersion.parse("1"), false, false, false, Duration.ofSeconds(5))).schemaVersion()).isEqualTo("1");
        assertThat(states()).containsEntry("1", MigrationState.APPLIED).containsEntry("2", MigrationState.PENDING);
    }

    @Test
    void aTargetAtOrAboveTheLatestVersionRunsRepeatablesAndOneBelowSaysItLeftThem() {
        twoMigrations();
        write("R__user_emails.sql", "CREATE VIEW user_emails AS SELECT email FROM users;\n");
        MigrateResult below = migrate(new MigrateOptions(MigrationVersion.parse("1"), false, false, false, Duration.ofSeconds(5)));
        assertThat(below.applied()).extracting(a -> a.version() == null ? "R" : a.version()).containsExactly("1");
        assertThat(below.warnings()).singleElement().asString().contains("R__user_emails.sql", "--target 1", "below the latest version 2");
        MigrateResult atLatest = migrate(new MigrateOptions(MigrationVersion.parse("2"), false, false, false, Duration.ofSeconds(5)));
        assertThat(atLatest.applied()).extracting(a -> a.version() == null ? "R" : a.version()).containsExactly("2", "R");
        assertThat(atLatest.warnings()).isEmpty();
        write("R__user_emails.sql", "DROP VIEW IF EXISTS user_emails;\nCREATE VIEW user_emails AS SELECT email, id FROM users;\n");
        assertThat(migrate(new MigrateOptions(MigrationVersion.parse("99"), false, false, false, Duration.ofSeconds(5))).applied())
                .extracting(a -> a.version() == null ? "R" : a.version()).containsExactly("R");
    }

    @Test
    void dryRunChangesNothing() {
        twoMigrations();
        MigrateResult dry = migrate(new MigrateOptions(null, true, false, false, Duration.ofSeconds(5)));
        assertThat(dry.applied()).hasSize(2);
        assertThat(dry.applied().get(0).sql()).contains("CREATE TABLE users");
        assertThat(tableExists("users")).isFalse();
        assertThat(tableExists("ferry_history")).isFalse();
    }

    @Test
    void aRenamedFileIsRecognisedByItsContentAndRepairRepointsIt() {
        twoMigrations();
        migrate();
        rename("V1__create_users.sql", "V1__create_user_table.sql");
        rename("V2__create_orders.sql", "V5__orders.sql");
        Map<String, MigrationState> states = states();
        assertThat(states).containsEntry("1", MigrationState.RENAMED).containsEntry("5", MigrationState.RENAMED).hasSize(2);
        assertThat(statuses()).extracting(MigrationStatus::formerScript).containsExactlyInAnyOrder("V1__create_users.sql", "V2__create_orders.sql");
        FerryException refused = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(refused.code()).isEqualTo(ErrorCode.CHECK_FAILED);
        assertThat(refused.getMessage()).contains("renamed", "was V1__create_users.sql", "ferry repair");
        ChangeResult repair = migrations().repair(false, Duration.ofSeconds(5));
        assertThat(repair.changes()).hasSize(2).anySatisfy(c -> assertThat(c).contains("V1__create_users.sql", "V1__create_user_table.sql"));
        assertThat(states()).containsOnly(Map.entry("1", MigrationState.APPLIED), Map.entry("5", MigrationState.APPLIED));
        assertThat(migrate().applied()).as("nothing runs again after a rename").isEmpty();
    }

    @Test
    void anEditedFileIsAProblemUntilRestoredOrAccepted() {
        twoMigrations();
        migrate();
        write("V2__create_orders.sql", "CREATE TABLE orders (id INT PRIMARY KEY, user_id INT, total INT);\n");
        assertThat(states()).containsEntry("2", MigrationState.EDITED);
        assertThat(catchThrowableOfType(FerryException.class, this::migrate).getMessage()).contains("edited", "--accept-edits");
        assertThat(migrations().repair(false, Duration.ofSeconds(5)).remaining()).extracting(MigrationStatus::state).containsExactly(MigrationState.EDITED);
        assertThat(migrations().repair(true, Duration.ofSeconds(5)).changes()).singleElement().asString().contains("accepted the edited V2__create_orders.sql");
        assertThat(states()).containsEntry("2", MigrationState.APPLIED);
    }

    @Test
    void repairAcceptEditsTakesAFileBothRenamedAndEdited() {
        twoMigrations();
        migrate();
        rename("V2__create_orders.sql", "V2__orders.sql");
        write("V2__orders.sql", "CREATE TABLE orders (id INT PRIMARY KEY, user_id INT, total INT);\n");
        MigrationStatus edited = migrations().status().problems().get(0);
        assertThat(edited.state()).isEqualTo(MigrationState.EDITED);
        assertThat(edited.detail()).contains("V2__create_orders.sql");
        assertThat(edited.formerScript()).isEqualTo("V2__create_orders.sql");
        assertThat(edited.fix()).contains("ferry repair --accept-edits");
        ChangeResult repair = migrations().repair(true, Duration.ofSeconds(5));
        assertThat(repair.changes()).singleElement().asString().contains("accepted the edited V2__orders.sql (was V2__create_orders.sql)", "nothing run");
        assertThat(repair.remaining()).isEmpty();
        assertThat(states()).containsOnly(Map.entry("1", MigrationState.APPLIED), Map.entry("2", MigrationState.APPLIED));
        assertThat(statuses()).extracting(MigrationStatus::script).contains("V2__orders.sql");
    }

    @Test
    void aLineEndingChangeIsNotAnEdit() {
        twoMigrations();
        migrate();
        write("V1__create_users.sql", "CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(200) NOT NULL);\r\n");
        assertThat(states()).containsEntry("1", MigrationState.APPLIED);
    }

    @Test
    void aDeletedFileIsMissing() throws IOException {
        twoMigrations();
        migrate();
        Files.delete(dir.resolve("V2__create_orders.sql"));
        MigrationStatus missing = migrations().status().problems().get(0);
        assertThat(missing.state()).isEqualTo(MigrationState.MISSING);
        assertThat(missing.detail()).contains("V2__create_orders.sql");
        assertThat(missing.fix()).contains("ferry repair --forget-missing");
    }

    @Test
    void repairForgetMissingRemovesTheHistoryOfDeletedFilesAndSaysWhich() throws IOException {
        twoMigrations();
        write("R__user_emails.sql", "CREATE VIEW user_emails AS SELECT email FROM users;\n");
        migrate();
        write("R__user_emails.sql", "DROP VIEW IF EXISTS user_emails;\nCREATE VIEW user_emails AS SELECT id, email FROM users;\n");
        migrate();
        Files.delete(dir.resolve("V1__create_users.sql"));
        Files.delete(dir.resolve("R__user_emails.sql"));
        assertThat(migrations().repair(false, Duration.ofSeconds(5)).remaining()).extracting(MigrationStatus::state)
                .as("plain repair leaves them").containsOnly(MigrationState.MISSING);
        ChangeResult forgot = migrations().repair(false, true, Duration.ofSeconds(5));
        assertThat(forgot.changes()).hasSize(2).anySatisfy(c -> assertThat(c).contains("forgot", "V1", "V1__create_users.sql"))
                .anySatisfy(c -> assertThat(c).contains("forgot", "R__user_emails.sql", "2 entries"));
        assertThat(forgot.remaining()).isEmpty();
        assertThat(states()).containsOnly(Map.entry("2", MigrationState.APPLIED));
        assertThat(tableExists("users")).as("the database keeps what the file did").isTrue();
        assertThat(migrate().applied()).isEmpty();
    }

    @Test
    void aNewFileBelowTheAppliedVersionIsRefusedUnlessOutOfOrderIsAllowed() {
        twoMigrations();
        migrate();
        write("V1.5__late.sql", "CREATE TABLE late (id INT);\n");
        assertThat(states()).containsEntry("1.5", MigrationState.OUT_OF_ORDER);
        FerryException refused = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(refused.exitCode().code()).isEqualTo(1);
        assertThat(refused.getMessage()).contains("out-of-order", "--out-of-order");
        assertThat(tableExists("late")).isFalse();
        assertThat(migrate(new MigrateOptions(null, false, false, true, Duration.ofSeconds(5))).applied()).extracting(a -> a.version()).containsExactly("1.5");
        assertThat(states()).containsEntry("1.5", MigrationState.APPLIED);
    }

    @Test
    void aFailedMigrationLeavesNothingWhereDdlIsTransactionalAndIsRecordedWhereNot() {
        twoMigrations();
        migrate();
        write("V3__broken.sql", "CREATE TABLE broken_half (id INT);\nINSERT INTO no_such_table VALUES (1);\n");
        FerryException failed = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(failed.code()).isEqualTo(ErrorCode.STEP_FAILED);
        assertThat(failed.exitCode().code()).isEqualTo(4);
        assertThat(failed.getMessage()).contains("V3 (V3__broken.sql) failed at line 2", "no_such_table");
        if (transactionalDdl()) {
            assertThat(failed.getMessage()).contains("rolled back: nothing of V3");
            assertThat(tableExists("broken_half")).as("nothing of the failed migration remains").isFalse();
            assertThat(states()).containsEntry("3", MigrationState.PENDING);
            assertThat(count("SELECT COUNT(*) FROM ferry_history WHERE version = '3'")).isZero();
        } else {
            assertThat(failed.getMessage()).contains("first 1 statement(s) committed", "recorded as failed");
            assertThat(tableExists("broken_half")).isTrue();
            MigrationStatus st = migrations().status().problems().get(0);
            assertThat(st.state()).isEqualTo(MigrationState.FAILED);
            assertThat(st.detail()).contains("line 2", "no_such_table");
            assertThat(catchThrowableOfType(FerryException.class, this::migrate).getMessage()).contains("failed", "ferry repair");
            execute("DROP TABLE broken_half");
            write("V3__broken.sql", "CREATE TABLE broken_half (id INT);\n");
            assertThat(migrations().repair(false, Duration.ofSeconds(5)).changes()).singleElement().asString().contains("removed the failed entry for V3");
        }
        write("V3__broken.sql", "CREATE TABLE broken_half (id INT);\n");
        assertThat(migrate().applied()).extracting(a -> a.version()).containsExactly("3");
    }

    @Test
    void statementsThatRefuseATransactionRunOutsideOneAndAreRecordedSo() {
        write("V1__create_users.sql", "CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(200) NOT NULL);\n");
        write("V2__index.sql", nonTransactionalStatement() + ";\n");
        write("V3__marked.sql", "-- ferry:no-transaction\nCREATE TABLE marked (id INT);\n");
        MigrateResult r = migrate();
        assertThat(r.applied()).extracting(a -> a.transactional()).containsExactly(transactionalDdl(), false, false);
        assertThat(count("SELECT COUNT(*) FROM ferry_history WHERE transactional = " + sqlFalse())).isEqualTo(transactionalDdl() ? 2 : 3);
    }

    @Test
    void aFileHoldingItsOwnTransactionControlIsRefusedBeforeAnythingRuns() {
        write("V1__own_tx.sql", "CREATE TABLE before_tx (id INT);\nBEGIN;\nCREATE TABLE inside_tx (id INT);\nCOMMIT;\n");
        for (MigrateOptions options : List.of(MigrateOptions.defaults(), new MigrateOptions(null, true, false, false, Duration.ofSeconds(5)))) {
            FerryException refused = catchThrowableOfType(FerryException.class, () -> migrate(options));
            assertThat(refused.exitCode().code()).isEqualTo(2);
            assertThat(refused.getMessage()).contains("V1 (V1__own_tx.sql) line 2", "BEGIN", "transaction control");
            assertThat(refused.hint()).get().asString().contains("-- ferry:no-transaction");
        }
        assertThat(tableExists("before_tx")).as("refused before anything ran").isFalse();
        assertThat(tableExists("inside_tx")).isFalse();
        write("V1__own_tx.sql", "-- ferry:no-transaction\nCREATE TABLE before_tx (id INT);\nBEGIN;\nCREATE TABLE inside_tx (id INT);\nCOMMIT;\n");
        assertThat(migrate().applied()).singleElement().satisfies(a -> assertThat(a.transactional()).isFalse());
        assertThat(tableExists("inside_tx")).isTrue();
        assertThat(states()).containsEntry("1", MigrationState.APPLIED);
    }

    @Test
    void aFileWithoutDdlRunsInOneTransactionEverywhere() {
        write("V1__create_users.sql", "CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(200) NOT NULL);\n");
        write("V2__rows.sql", "INSERT INTO users (id, email) VALUES (1, 'a@example.com');\nINSERT INTO users (id, email) VALUES (1, 'twice@example.com');\n");
        FerryException failed = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(failed.exitCode().code()).isEqualTo(4);
        assertThat(failed.getMessage()).contains("V2 (V2__rows.sql) failed at line 2", "rolled back: nothing of V2");
        assertThat(count("SELECT COUNT(*) FROM users")).as("the first INSERT was rolled back with the second").isZero();
        assertThat(states()).containsEntry("1", MigrationState.APPLIED).containsEntry("2", MigrationState.PENDING);
        write("V2__rows.sql", "INSERT INTO users (id, email) VALUES (1, 'a@example.com');\n");
        assertThat(migrate().applied()).singleElement().satisfies(a -> assertThat(a.transactional()).isTrue());
    }

    protected String sqlFalse() {
        return "false";
    }

    @Test
    void undoRunsUndoScriptsNewestFirstAndRefusesWhenOneIsMissing() {
        twoMigrations();
        write("U2__create_orders.sql", "DROP TABLE orders;\nDELETE FROM users WHERE id = 1;\n");
        write("V3__create_items.sql", "CREATE TABLE items (id INT);\n");
        write("U3__create_items.sql", "DROP TABLE items;\n");
        migrate();
        assertThat(migrations().undo(null, Duration.ofSeconds(5)).changes()).singleElement().asString().contains("undid V3");
        assertThat(tableExists("items")).isFalse();
        assertThat(states()).containsEntry("3", MigrationState.UNDONE);
        FerryException noScript = catchThrowableOfType(FerryException.class, () -> migrations().undo(MigrationVersion.parse("0"), Duration.ofSeconds(5)));
        assertThat(noScript.getMessage()).contains("V1", "has no undo script", "nothing was undone");
        assertThat(tableExists("orders")).as("refused before doing anything").isTrue();
        ChangeResult undone = migrations().undo(MigrationVersion.parse("1"), Duration.ofSeconds(5));
        assertThat(undone.changes()).singleElement().asString().contains("undid V2");
        assertThat(tableExists("orders")).isFalse();
        assertThat(migrate().applied()).extracting(a -> a.version()).containsExactly("2", "3");
    }

    @Test
    void undoThatFailsHalfWaySaysWhatItUndidWhatFailedAndHowToGoOn() {
        twoMigrations();
        write("U2__create_orders.sql", "CREATE TABLE undo_marker (id INT);\nDROP TABLE no_such_table;\n");
        write("V3__create_items.sql", "CREATE TABLE items (id INT);\n");
        write("U3__create_items.sql", "DROP TABLE items;\n");
        migrate();
        FerryException failed = catchThrowableOfType(FerryException.class, () -> migrations().undo(MigrationVersion.parse("1"), Duration.ofSeconds(5)));
        assertThat(failed.exitCode().code()).isEqualTo(4);
        assertThat(failed.getMessage()).contains("U2 (U2__create_orders.sql) failed at line 2", "undone before it and kept: V3 (U3__create_items.sql)");
        assertThat(states()).containsEntry("3", MigrationState.UNDONE);
        if (transactionalDdl()) {
            assertThat(failed.hint()).hasValueSatisfying(h -> assertThat(h).contains("fix U2__create_orders.sql", "ferry undo --to 1").doesNotContain("migrate"));
            assertThat(states()).containsEntry("2", MigrationState.APPLIED);
        } else {
            assertThat(failed.hint()).hasValueSatisfying(h -> assertThat(h).contains("fix U2__create_orders.sql", "ferry repair", "ferry undo --to 1"));
            assertThat(states()).as("a failed undo leaves V2 applied, with a failed entry to clear").containsEntry("2", MigrationState.FAILED);
            execute("DROP TABLE undo_marker");
            write("U2__create_orders.sql", "DROP TABLE orders;\n");
            assertThat(migrations().repair(false, Duration.ofSeconds(5)).changes()).singleElement().asString().contains("removed the failed entry for V2");
            assertThat(states()).containsEntry("2", MigrationState.APPLIED);
        }
        write("U2__create_orders.sql", "DROP TABLE orders;\n");
        assertThat(migrations().undo(MigrationVersion.parse("1"), Duration.ofSeconds(5)).changes()).singleElement().asString().contains("undid V2");
        assertThat(tableExists("orders")).isFalse();
    }

    @Test
    void baselineAdoptsAnExistingDatabase() {
        execute("CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(200) NOT NULL)");
        twoMigrations();
        write("V3__create_items.sql", "CREATE TABLE items (id INT);\n");
        migrations().baseline(MigrationVersion.parse("1"), "existing", Duration.ofSeconds(5));
        assertThat(states()).containsEntry("1", MigrationState.BASELINE).containsEntry("2", MigrationState.PENDING);
        assertThat(migrate().applied()).extracting(a -> a.version()).containsExactly("2", "3");
        FerryException again = catchThrowableOfType(FerryException.class, () -> migrations().baseline(MigrationVersion.parse("1"), "x", Duration.ofSeconds(5)));
        assertThat(again.getMessage()).contains("already has");
    }

    @Test
    void rehearsalRunsEverythingAndLeavesNothing() {
        twoMigrations();
        if (!transactionalDdl()) {
            FerryException e = catchThrowableOfType(FerryException.class, () -> migrate(new MigrateOptions(null, false, true, false, Duration.ofSeconds(5))));
            assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
            assertThat(e.getMessage()).contains("cannot rehearse");
            return;
        }
        MigrateResult ok = migrate(new MigrateOptions(null, false, true, false, Duration.ofSeconds(5)));
        assertThat(ok.applied()).hasSize(2);
        assertThat(tableExists("users")).isFalse();
        write("V3__broken.sql", "CREATE TABLE fine (id INT);\n\n\nSELECT * FROM missing_table;\n");
        FerryException e = catchThrowableOfType(FerryException.class, () -> migrate(new MigrateOptions(null, false, true, false, Duration.ofSeconds(5))));
        assertThat(e.getMessage()).contains("V3 (V3__broken.sql) failed at line 4", "missing_table", "nothing was changed");
        assertThat(tableExists("users")).isFalse();
        assertThat(tableExists("fine")).isFalse();
    }

    @Test
    void anotherRunHoldingTheLockMakesMigrateWaitThenGiveUpNamingIt() throws SQLException {
        twoMigrations();
        try (Connection holder = database.connect();
             AdvisoryLock lock = dialect().require(AdvisoryLocking.class, "lock").acquire(holder, "migrate", Duration.ofSeconds(5))) {
            FerryException e = catchThrowableOfType(FerryException.class, () -> migrate(new MigrateOptions(null, false, false, false, Duration.ofSeconds(1))));
            assertThat(e.code()).isEqualTo(ErrorCode.LOCKED);
            assertThat(e.exitCode().code()).isEqualTo(5);
            assertThat(e.getMessage()).contains("held by");
            assertThat(lock.name()).contains("migrate");
        }
        assertThat(migrate().applied()).hasSize(2);
    }

    @Test
    void prismaLayoutIsRead() {
        write("20240101120000_init/migration.sql", "CREATE TABLE users (id INT PRIMARY KEY);\n");
        write("20240202090000_add_orders/migration.sql", "CREATE TABLE orders (id INT PRIMARY KEY);\n");
        write("migration_lock.toml", "provider = \"postgresql\"\n");
        assertThat(migrate().applied()).extracting(a -> a.version() + " " + a.description())
                .containsExactly("20240101120000 init", "20240202090000 add orders");
        assertThat(tableExists("orders")).isTrue();
    }

    @Test
    void adoptsAPrismaHistoryWithoutRunningAnything() {
        String init = "CREATE TABLE users (id INT PRIMARY KEY);\n";
        write("20240101120000_init/migration.sql", init);
        write("20240202090000_add_orders/migration.sql", "CREATE TABLE orders (id INT PRIMARY KEY);\n");
        execute("CREATE TABLE users (id INT PRIMARY KEY)");
        execute(prismaHistoryDdl());
        execute("INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)"
                + " VALUES ('a1', '" + sha256(init) + "', '2024-01-01 12:00:03.000', '20240101120000_init', NULL, NULL, '2024-01-01 12:00:00.000', 1)");
        ChangeResult adopted = migrations().adopt("prisma", Duration.ofSeconds(5));
        assertThat(adopted.changes()).singleElement().asString().contains("copied 1 entry from _prisma_migrations");
        assertThat(states()).containsEntry("20240101120000", MigrationState.APPLIED).containsEntry("20240202090000", MigrationState.PENDING);
        assertThat(statuses()).filteredOn(m -> "20240101120000".equals(m.version())).extracting(MigrationStatus::executionMs)
                .as("Prisma's finished_at less started_at").containsExactly(3000L);
        assertThat(migrate().applied()).extracting(a -> a.version()).containsExactly("20240202090000");
    }

    /** Runs the real Flyway's migrate over {@link #dir} against {@link #url}. */
    protected abstract void runFlyway();

    @Test
    void adoptsARealFlywayHistoryWithoutRunningAnything() {
        twoMigrations();
        write("R__user_emails.sql", "CREATE VIEW user_emails AS SELECT email FROM users;\n");
        runFlyway();
        ChangeResult adopted = migrations().adopt("flyway", Duration.ofSeconds(5));
        assertThat(adopted.changes()).singleElement().asString().contains("flyway_schema_history");
        assertThat(adopted.remaining()).isEmpty();
        assertThat(states()).containsEntry("1", MigrationState.APPLIED).containsEntry("2", MigrationState.APPLIED)
                .containsEntry("R:user emails", MigrationState.APPLIED);
        assertThat(migrate().applied()).as("nothing runs again").isEmpty();
        write("V3__create_items.sql", "CREATE TABLE items (id INT);\n");
        assertThat(migrate().applied()).extracting(a -> a.version()).containsExactly("3");
        assertThat(count("SELECT COUNT(*) FROM users")).isEqualTo(1);
    }

    @Test
    void aFlywayHistoryIsNotTakenForAnEmptyDatabase() {
        twoMigrations();
        runFlyway();
        FerryException refused = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(refused).as("migrate must refuse a database Flyway manages").isNotNull();
        assertThat(refused.exitCode().code()).isEqualTo(2);
        assertThat(refused.getMessage()).contains("flyway_schema_history");
        assertThat(refused.hint()).hasValueSatisfying(h -> assertThat(h).contains("ferry adopt flyway"));
        assertThat(count("SELECT COUNT(*) FROM users")).as("nothing ran again").isEqualTo(1);
        assertThat(tableExists("ferry_history")).as("refused before changing anything").isFalse();
        StatusResult status = migrations().status();
        assertThat(status.unmanaged()).isNotNull();
        assertThat(status.unmanaged().message()).contains("flyway_schema_history");
        assertThat(status.agrees()).as("check exits 1").isFalse();
        migrations().adopt("flyway", Duration.ofSeconds(5));
        assertThat(migrations().status().unmanaged()).isNull();
        assertThat(migrate().applied()).isEmpty();
    }

    @Test
    void aRailsHistoryIsNotTakenForAnEmptyDatabase() {
        twoMigrations();
        execute("CREATE TABLE schema_migrations (version VARCHAR(255) NOT NULL PRIMARY KEY)");
        execute("INSERT INTO schema_migrations (version) VALUES ('20240101120000')");
        FerryException refused = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(refused).isNotNull();
        assertThat(refused.exitCode().code()).isEqualTo(2);
        assertThat(refused.getMessage()).contains("schema_migrations");
        assertThat(refused.hint()).hasValueSatisfying(h -> assertThat(h).contains("ferry baseline --version"));
        assertThat(tableExists("users")).isFalse();
    }

    @Test
    void aSchemaWithTablesButNoHistoryIsNotMigratedWithoutAWord() {
        twoMigrations();
        execute("CREATE TABLE legacy_a (id INT)");
        execute("CREATE TABLE legacy_b (id INT)");
        FerryException refused = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(refused).isNotNull();
        assertThat(refused.exitCode().code()).isEqualTo(2);
        assertThat(refused.getMessage()).contains("2 tables", "legacy_a", "legacy_b");
        assertThat(refused.hint()).hasValueSatisfying(h -> assertThat(h).contains("ferry baseline --version"));
        assertThat(tableExists("users")).isFalse();
        assertThat(tableExists("ferry_history")).isFalse();
        assertThat(catchThrowableOfType(FerryException.class, () -> migrate(new MigrateOptions(null, true, false, false, Duration.ofSeconds(5)))))
                .as("a dry run says so too").isNotNull();
        assertThat(migrations().status().unmanaged().message()).contains("2 tables");
        migrations().baseline(MigrationVersion.parse("0"), "existing", Duration.ofSeconds(5));
        assertThat(migrations().status().unmanaged()).isNull();
        assertThat(migrate().applied()).hasSize(2);
    }

    @Test
    void aFileEditedAfterFlywayAppliedItShowsAsEditedOnceAdopted() {
        twoMigrations();
        runFlyway();
        write("V2__create_orders.sql", "CREATE TABLE orders (id INT PRIMARY KEY, user_id INT, note TEXT);\n");
        ChangeResult adopted = migrations().adopt("flyway", Duration.ofSeconds(5));
        assertThat(adopted.remaining()).extracting(MigrationStatus::state).containsExactly(MigrationState.EDITED);
        assertThat(states()).containsEntry("1", MigrationState.APPLIED);
    }

    /** The table as Prisma creates it, in this database's types. */
    protected String prismaHistoryDdl() {
        return "CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY, checksum VARCHAR(64) NOT NULL, finished_at TIMESTAMP NULL,"
                + " migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMP NULL, started_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,"
                + " applied_steps_count INT NOT NULL DEFAULT 0)";
    }

    private static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    protected List<MigrationStatus> statuses() {
        return migrations().status().migrations();
    }
}
