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

    @Test
    void rehearseRefusesAFileWithItsOwnTransactionAndCreatesNothing() {
        write("V1__own_tx.sql", "BEGIN;\nCREATE TABLE t1 (id INT);\nCOMMIT;\n");
        FerryException refused = catchThrowableOfType(FerryException.class, () -> migrate(rehearse()));
        assertThat(refused.exitCode().code()).isEqualTo(2);
        assertThat(refused.getMessage()).contains("V1 (V1__own_tx.sql) line 1", "BEGIN").doesNotContain("nothing was changed");
        assertThat(tableExists("t1")).isFalse();
        write("V1__own_tx.sql", "-- ferry:no-transaction\nBEGIN;\nCREATE TABLE t1 (id INT);\nCOMMIT;\n");
        FerryException marked = catchThrowableOfType(FerryException.class, () -> migrate(rehearse()));
        assertThat(marked.exitCode().code()).isEqualTo(2);
        assertThat(marked.getMessage()).contains("V1 (V1__own_tx.sql) line 2", "cannot be rehearsed");
        assertThat(tableExists("t1")).as("rehearse must not run a file whose COMMIT would end the rehearsal").isFalse();
        assertThat(tableExists("ferry_history")).isFalse();
    }

    @Test
    void aMarkedFileWithItsOwnTransactionSaysWhatItsRollbackUndidAndWhatStayed() {
        write("V1__own_tx.sql", "-- ferry:no-transaction\nCREATE TABLE kept (id INT);\nBEGIN;\nCREATE TABLE undone (id INT);\n"
                + "INSERT INTO missing VALUES (1);\nCOMMIT;\n");
        FerryException failed = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(failed.exitCode().code()).isEqualTo(4);
        assertThat(failed.getMessage()).contains("failed at line 5", "-- ferry:no-transaction", "first 1 statement(s) committed",
                "1 statement(s) after its own BEGIN at line 3 were rolled back").doesNotContain("nothing of V1");
        assertThat(tableExists("kept")).isTrue();
        assertThat(tableExists("undone")).isFalse();
        assertThat(states()).containsEntry("1", MigrationState.FAILED);
    }

    @Test
    void aConcurrentIndexFailureSaysWhyItRanStatementByStatementAndWhatCommitted() {
        write("V1__index.sql", "CREATE TABLE x (id INT);\nCREATE INDEX CONCURRENTLY x_id ON missing_table (id);\n");
        FerryException failed = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(failed.getMessage()).contains("failed at line 2", "statement by statement", "line 2 (CREATE INDEX CONCURRENTLY",
                "cannot run inside a transaction", "first 1 statement(s) committed").doesNotContain("commits each DDL");
        assertThat(failed.hint()).get().asString().contains("ferry repair", "ferry migrate").doesNotContain("migrate again");
    }

    @Test
    void aFailingStatementIsShownWithoutItsCommentsAtTheLineTheServerPointsAt() {
        write("V1__typo.sql", "-- a long header\n".repeat(35) + "CREATE TABLE t (\n  id INT,\n  name TEXTT\n);\n");
        FerryException failed = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(failed.getMessage()).contains("failed at line 38", "textt", "statement at line 36", "CREATE TABLE t (", "name TEXTT")
                .doesNotContain("a long header");
    }

    @Test
    void routineBodiesAndEscapeStringsRunAsWritten() {
        write("V1__fn.sql", """
                CREATE FUNCTION add(a INT, b INT) RETURNS INT LANGUAGE sql
                BEGIN ATOMIC
                  SELECT a + b;
                END;
                CREATE TABLE s (v TEXT);
                INSERT INTO s VALUES (E'back\\\\slash \\' quote; semi');
                DO $$ BEGIN PERFORM 1; END $$;
                """);
        assertThat(migrate().applied()).hasSize(1);
        assertThat(count("SELECT add(40, 2)")).isEqualTo(42);
        assertThat(count("SELECT COUNT(*) FROM s WHERE v = 'back\\slash '' quote; semi'")).isEqualTo(1);
    }

    @Test
    void aPlainPgDumpWithCopyBlocksMigrates() {
        write("V1__dump.sql", """
                --
                -- PostgreSQL database dump
                --
                \\restrict wNADhyZmFOweN4mhaAQgcFYO5d93kNL5Ako8F0Kphpir1dXNZw8EefpZTaSFMZY
                SET statement_timeout = 0;
                SET client_encoding = 'UTF8';
                SET standard_conforming_strings = on;
                SELECT pg_catalog.set_config('search_path', '', false);
                SET check_function_bodies = false;
                SET default_tablespace = '';
                CREATE TABLE public.t (
                    id integer NOT NULL,
                    s text
                );
                COPY public.t (id, s) FROM stdin;
                1\ta\\tb; c
                2\t\\N
                3\tback\\\\slash
                \\.
                ALTER TABLE ONLY public.t
                    ADD CONSTRAINT t_pkey PRIMARY KEY (id);
                \\unrestrict wNADhyZmFOweN4mhaAQgcFYO5d93kNL5Ako8F0Kphpir1dXNZw8EefpZTaSFMZY
                """);
        assertThat(migrate().applied()).singleElement().satisfies(a -> assertThat(a.transactional()).isTrue());
        assertThat(count("SELECT COUNT(*) FROM public.t")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM public.t WHERE id = 1 AND s = E'a\\tb; c'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM public.t WHERE id = 2 AND s IS NULL")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM public.t WHERE s = 'back\\slash'")).isEqualTo(1);
    }

    @Test
    void psqlMetaCommandsAreRefusedAtPlanningTime() {
        write("V1__meta.sql", "CREATE TABLE a (id INT);\n\\connect other\nCREATE TABLE b (id INT);\n");
        for (MigrateOptions options : java.util.List.of(MigrateOptions.defaults(), dryRun(), rehearse())) {
            FerryException refused = catchThrowableOfType(FerryException.class, () -> migrate(options));
            assertThat(refused.exitCode().code()).isEqualTo(2);
            assertThat(refused.getMessage()).contains("V1 (V1__meta.sql) line 2", "\\connect other", "psql meta-command");
            assertThat(refused.hint()).isPresent();
        }
        assertThat(tableExists("a")).isFalse();
    }

    @Test
    void aDryRunSaysWhichFilesWillRunStatementByStatementAndWhy() {
        write("V1__users.sql", "CREATE TABLE users (id INT, email TEXT);\n");
        write("V2__index.sql", "CREATE INDEX CONCURRENTLY users_email ON users (email);\n");
        assertThat(migrate(dryRun()).warnings()).singleElement().asString()
                .contains("V2 (V2__index.sql) will run statement by statement", "line 1 (CREATE INDEX CONCURRENTLY users_email", "cannot run inside a transaction");
    }

    private static MigrateOptions rehearse() {
        return new MigrateOptions(null, false, true, false, java.time.Duration.ofSeconds(5));
    }

    private static MigrateOptions dryRun() {
        return new MigrateOptions(null, true, false, false, java.time.Duration.ofSeconds(5));
    }

    @Test
    void aMarkedFileThatLeavesBeginNotDeferrableOpenIsRefused() {
        write("V1__t.sql", "-- ferry:no-transaction\nCREATE TABLE t (id INT);\nBEGIN NOT DEFERRABLE;\nINSERT INTO t VALUES (1);\n");
        FerryException refused = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(refused).isNotNull();
        assertThat(refused.exitCode().code()).isEqualTo(2);
        assertThat(refused.getMessage()).contains("line 3", "BEGIN NOT DEFERRABLE", "never committed");
        assertThat(tableExists("t")).isFalse();
    }

    @Test
    void aFailureAfterBeginWithModesSaysWhatItsOwnTransactionRolledBack() {
        write("V1__t.sql", "-- ferry:no-transaction\nCREATE TABLE t (id INT);\nBEGIN ISOLATION LEVEL SERIALIZABLE, READ WRITE;\nINSERT INTO t VALUES (1);\n"
                + "INSERT INTO missing VALUES (1);\nCOMMIT;\n");
        FerryException failed = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(failed.getMessage()).contains("failed at line 5", "first 1 statement(s) committed", "1 statement(s) after its own BEGIN ISOLATION LEVEL");
        assertThat(states()).containsEntry("1", MigrationState.FAILED);
        assertThat(count("SELECT COUNT(*) FROM t")).isZero();
    }
}
