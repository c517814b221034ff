package dev.ferry.sqlite;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.error.FerryException;
import dev.ferry.migrate.MigrationState;
import dev.ferry.spi.Dialect;
import dev.ferry.testkit.MigrationContract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SqliteMigrationIT extends MigrationContract {

    @Override
    protected Dialect dialect() {
        return new SqliteDialect();
    }

    @TempDir
    Path databaseDir;

    @Override
    protected DatabaseUrl newDatabase() {
        return DatabaseUrl.parse("sqlite:" + databaseDir.resolve("app.db") + "?create=true");
    }

    @Override
    protected void runFlyway() {
        org.flywaydb.core.Flyway.configure().dataSource("jdbc:sqlite:" + url.path().orElseThrow(), null, null)
                .locations("filesystem:" + dir).load().migrate();
    }

    @Override
    protected String nonTransactionalStatement() {
        return "VACUUM";
    }

    @Test
    void aMarkedFileThatLeavesItsOwnSavepointOpenIsRefused() {
        write("V1__sp.sql", "-- ferry:no-transaction\nSAVEPOINT a;\nCREATE TABLE t (id INT);\nINSERT INTO t VALUES (1);\n");
        FerryException refused = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(refused).isNotNull();
        assertThat(refused.exitCode().code()).isEqualTo(2);
        assertThat(refused.getMessage()).contains("line 2", "SAVEPOINT a", "never");
        assertThat(tableExists("t")).isFalse();
    }

    @Test
    void aMarkedFileWhoseSavepointIsReleasedIsRecorded() {
        write("V1__sp.sql", "-- ferry:no-transaction\nSAVEPOINT a;\nCREATE TABLE t (id INT);\nSAVEPOINT b;\nINSERT INTO t VALUES (1);\nRELEASE b;\n"
                + "RELEASE SAVEPOINT a;\nINSERT INTO t VALUES (2);\n");
        assertThat(migrate().applied()).hasSize(1);
        assertThat(states()).containsEntry("1", MigrationState.APPLIED);
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(2);
    }

    @Test
    void aFailureInsideTheFilesOwnSavepointSaysItWasRolledBackAndRecordsTheFailure() {
        write("V1__t.sql", "CREATE TABLE t (id INT);\n");
        write("V2__sp.sql", "-- ferry:no-transaction\nINSERT INTO t VALUES (1);\nSAVEPOINT a;\nINSERT INTO t VALUES (2);\nINSERT INTO missing VALUES (1);\n"
                + "RELEASE a;\n");
        FerryException failed = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(failed.getMessage()).contains("failed at line 5", "first 1 statement(s) committed", "SAVEPOINT a at line 3 were rolled back");
        assertThat(states()).containsEntry("2", MigrationState.FAILED);
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(1);
    }

    /**
     * INSERT OR ROLLBACK (as a diff's rebuild guard uses) makes SQLite roll the whole transaction
     * back itself: Ferry's own ROLLBACK then finds none, and the failure is still the statement's,
     * reported as rolled back.
     */
    @Test
    void aStatementThatRollsBackTheTransactionItselfIsReportedAsRolledBack() {
        write("V1__t.sql", "CREATE TABLE t (id INT PRIMARY KEY, n INT CONSTRAINT positive CHECK (n > 0));\n");
        write("V2__rows.sql", "INSERT INTO t VALUES (1, 1);\nINSERT OR ROLLBACK INTO t VALUES (2, -1);\n");
        FerryException failed = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(failed.exitCode().code()).as(failed.getMessage()).isEqualTo(4);
        assertThat(failed.getMessage()).contains("V2 (V2__rows.sql) failed at line 2", "CHECK constraint failed: positive", "rolled back: nothing of V2");
        assertThat(count("SELECT COUNT(*) FROM t")).isZero();
        assertThat(states()).containsEntry("1", MigrationState.APPLIED).containsEntry("2", MigrationState.PENDING);
    }

    /** COMMIT followed by a comment committed row 2 while Ferry reported "nothing of V2 remains". */
    @Test
    void aCommitFollowedByACommentIsRefusedAtPlanning() {
        for (String commit : new String[] {"COMMIT /* first part */;", "COMMIT -- x\n;", "END /* x */;"}) {
            write("V1__t.sql", "CREATE TABLE t (id INT);\nINSERT INTO t VALUES (1);\n");
            write("V2__rows.sql", "INSERT INTO t VALUES (2);\n" + commit + "\nINSERT INTO t VALUES (3);\nSELECT no_such_fn();\n");
            FerryException refused = catchThrowableOfType(FerryException.class, this::migrate);
            assertThat(refused).as(commit).isNotNull();
            assertThat(refused.exitCode().code()).as(refused.getMessage()).isEqualTo(2);
            assertThat(refused.getMessage()).contains("line 2", "is transaction control");
            assertThat(tableExists("t")).as("planning refuses before anything runs").isFalse();
        }
    }
}
