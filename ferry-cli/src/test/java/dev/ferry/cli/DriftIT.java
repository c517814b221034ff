package dev.ferry.cli;

import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runbook case: the history says "up to date" while a column is missing. `ferry status` agrees
 * with the history, `ferry check --drift` does not, and the diff's script puts it right.
 */
class DriftIT {
    @TempDir
    Path dir;

    @Test
    void aColumnDroppedByHandIsFoundAndRepaired() throws Exception {
        String db = TestPostgres.createDatabase("drift");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__users.sql"), "CREATE TABLE users (id INT PRIMARY KEY, email TEXT NOT NULL, is_suspended BOOLEAN NOT NULL DEFAULT false);\n");
        Files.writeString(migrations.resolve("V2__email_index.sql"), "CREATE INDEX idx_users_email ON users (email);\n");
        Map<String, String> env = Map.of("DATABASE_URL", TestPostgres.url(db));
        assertThat(CliRun.inProcess(dir, env, "migrate").exit()).isZero();
        assertThat(CliRun.inProcess(dir, env, "check", "--drift").out()).contains("No drift");

        TestPostgres.execute(db, "ALTER TABLE users DROP COLUMN is_suspended");
        TestPostgres.execute(db, "DROP INDEX idx_users_email");
        CliRun status = CliRun.inProcess(dir, env, "status");
        assertThat(status.out()).contains("is at version 2; 0 pending.").doesNotContain("problem");

        CliRun check = CliRun.inProcess(dir, env, "check", "--drift");
        assertThat(check.exit()).as(check.all()).isEqualTo(1);
        assertThat(check.out()).contains("Drift: 2 differences: ", "column public.users.is_suspended missing", "index public.idx_users_email missing");
        assertThat(check.out()).contains(" --to migrations --script repair.sql");

        CliRun diff = CliRun.inProcess(dir, env, "diff", "--from", TestPostgres.url(db), "--to", "migrations", "--script", "repair.sql");
        assertThat(diff.exit()).as(diff.all()).isZero();
        String repair = Files.readString(dir.resolve("repair.sql"));
        assertThat(repair).contains("ALTER TABLE \"public\".\"users\" ADD COLUMN \"is_suspended\" boolean DEFAULT false NOT NULL", "CREATE INDEX idx_users_email");
        TestPostgres.execute(db, repair);
        CliRun after = CliRun.inProcess(dir, env, "check", "--drift");
        assertThat(after.exit()).as(after.all()).isZero();
        assertThat(after.out()).contains("No drift");
    }

    @Test
    void aRepeatableMigrationIsPartOfWhatTheHistoryPromisesAndAPendingOneIsNot() throws Exception {
        String db = TestPostgres.createDatabase("drift_repeatable");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__users.sql"), "CREATE TABLE users (id INT PRIMARY KEY, email TEXT);\n");
        Files.writeString(migrations.resolve("R__emails.sql"), "CREATE OR REPLACE VIEW emails AS SELECT email FROM users;\n");
        Map<String, String> env = Map.of("DATABASE_URL", TestPostgres.url(db));
        assertThat(CliRun.inProcess(dir, env, "migrate").exit()).isZero();
        Files.writeString(migrations.resolve("V2__orders.sql"), "CREATE TABLE orders (id INT PRIMARY KEY);\n");

        CliRun check = CliRun.inProcess(dir, env, "check", "--drift");
        assertThat(check.exit()).as(check.all()).isZero();
        assertThat(check.out()).contains("No drift");
    }

    @Test
    void sqliteDriftIsFoundOnAShadowFileAndRepaired() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__users.sql"), "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, is_suspended INTEGER NOT NULL DEFAULT 0);\n");
        Files.writeString(migrations.resolve("V2__email_index.sql"), "CREATE INDEX idx_users_email ON users (email);\n");
        String file = dir.resolve("app.db").toString();
        Map<String, String> env = Map.of("DATABASE_URL", "sqlite:" + file + "?create=true");
        assertThat(CliRun.inProcess(dir, env, "migrate").exit()).isZero();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"));
             java.sql.Statement s = c.createStatement()) {
            s.execute("DROP INDEX idx_users_email");
            s.execute("ALTER TABLE users DROP COLUMN is_suspended");
        }
        CliRun check = CliRun.inProcess(dir, env, "check", "--drift");
        assertThat(check.exit()).as(check.all()).isEqualTo(1);
        assertThat(check.out()).contains("column users.is_suspended missing", "index idx_users_email missing");

        CliRun diff = CliRun.inProcess(dir, env, "diff", "--from", "sqlite:" + file, "--to", "migrations", "--script", "repair.sql");
        assertThat(diff.exit()).as(diff.all()).isZero();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file)) {
            dev.ferry.testkit.Sql.runScript(c, Files.readString(dir.resolve("repair.sql")), false);
        }
        CliRun after = CliRun.inProcess(dir, env, "check", "--drift");
        assertThat(after.exit()).as(after.all()).isZero();
    }

    @Test
    void mariaDbDriftNeedsAShadowServerAndSaysSo() throws Exception {
        String db = dev.ferry.testkit.TestMariaDb.createDatabase("drift");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__users.sql"), "CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(200) NOT NULL, is_suspended BOOLEAN NOT NULL DEFAULT false);\n");
        Map<String, String> env = Map.of("DATABASE_URL", dev.ferry.testkit.TestMariaDb.url(db));
        assertThat(CliRun.inProcess(dir, env, "migrate").exit()).isZero();
        dev.ferry.testkit.TestMariaDb.execute("ALTER TABLE " + db + ".users DROP COLUMN is_suspended");

        CliRun noShadow = CliRun.inProcess(dir, env, "check", "--drift");
        assertThat(noShadow.exit()).as(noShadow.all()).isEqualTo(2);
        assertThat(noShadow.err()).contains("no MariaDB/MySQL server of its own", "--shadow mysql://");

        CliRun check = CliRun.inProcess(dir, env, "check", "--drift", "--shadow", dev.ferry.testkit.TestMariaDb.url("mysql"));
        assertThat(check.exit()).as(check.all()).isEqualTo(1);
        assertThat(check.out()).contains("column users.is_suspended missing");
    }

    @Test
    void aSideThatIsNeitherUrlNorFileIsAUsageError() {
        CliRun run = CliRun.inProcess(dir, Map.of(), "diff", "--from", "nowhere", "--to", "migrations");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("'nowhere' is neither a database URL, a migrations directory nor a .sql file");
    }
}
