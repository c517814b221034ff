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
}
