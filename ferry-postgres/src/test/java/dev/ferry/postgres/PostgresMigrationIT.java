package dev.ferry.postgres;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.connect.HistoryConfig;
import dev.ferry.migrate.MigrateOptions;
import dev.ferry.migrate.MigrationScanner;
import dev.ferry.migrate.Migrations;
import dev.ferry.report.Progress;
import dev.ferry.error.FerryException;
import dev.ferry.migrate.MigrationState;
import dev.ferry.spi.Dialect;
import dev.ferry.testkit.MigrationContract;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PostgresMigrationIT extends MigrationContract {

    @Override
    protected Dialect dialect() {
        return new PostgresDialect();
    }

    @Override
    protected DatabaseUrl newDatabase() {
        return DatabaseUrl.parse(TestPostgres.url(TestPostgres.createDatabase("migrate")));
    }

    @Override
    protected String nonTransactionalStatement() {
        return "CREATE INDEX CONCURRENTLY users_email ON users (email)";
    }

    @Override
    protected void runFlyway() {
        org.flywaydb.core.Flyway.configure()
                .dataSource("jdbc:postgresql://localhost:" + TestPostgres.port() + "/" + url.database().orElseThrow(), "postgres", "")
                .locations("filesystem:" + dir).load().migrate();
    }

    @Test
    void aDeferredConstraintThatFailsAtCommitLeavesNoHistoryRow() {
        write("V1__tables.sql", """
                CREATE TABLE parent (id INT PRIMARY KEY);
                CREATE TABLE child (id INT PRIMARY KEY, parent_id INT REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);
                """);
        write("V2__orphan.sql", "INSERT INTO child VALUES (1, 42);\n");
        FerryException e = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(e.getMessage()).contains("V2", "COMMIT", "foreign key", "nothing of V2");
        assertThat(count("SELECT COUNT(*) FROM ferry_history WHERE version = '2'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM child")).isZero();
        assertThat(states()).containsEntry("1", MigrationState.APPLIED).containsEntry("2", MigrationState.PENDING);
    }

    @Test
    void theHistoryCanLiveInItsOwnSchema() {
        write("V1__users.sql", "CREATE TABLE users (id INT);\n");
        Migrations inAudit = new Migrations(database, MigrationScanner.scanDirectory(dir), new HistoryConfig("migrations_log", "audit"), Progress.NONE);
        assertThat(inAudit.migrate(MigrateOptions.defaults()).applied()).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM audit.migrations_log")).isEqualTo(1);
        assertThat(tableExists("ferry_history")).isFalse();
        assertThat(inAudit.status().migrations()).extracting(m -> m.state()).containsExactly(MigrationState.APPLIED);
    }

    @Test
    void aMigrationThatEmptiesSearchPathStillRecordsItsHistory() {
        // pg_dump output, often the first migration, starts with set_config('search_path', '', false)
        write("V1__dump.sql", "SELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE public.users (id INT);\n");
        write("V2__more.sql", "CREATE TABLE public.orders (id INT);\n");
        assertThat(migrate().applied()).hasSize(2);
        assertThat(count("SELECT COUNT(*) FROM public.ferry_history WHERE success")).isEqualTo(2);
    }

    @Test
    void dollarQuotedFunctionsAreOneStatement() {
        write("V1__fn.sql", """
                CREATE FUNCTION add_one(i INT) RETURNS INT AS $$
                BEGIN
                  RETURN i + 1; -- a semicolon inside the body
                END;
                $$ LANGUAGE plpgsql;
                SELECT add_one(1);
                """);
        assertThat(migrate().applied()).hasSize(1);
        assertThat(count("SELECT add_one(41)")).isEqualTo(42);
    }
}
