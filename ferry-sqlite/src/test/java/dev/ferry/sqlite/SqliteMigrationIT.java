package dev.ferry.sqlite;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.spi.Dialect;
import dev.ferry.testkit.MigrationContract;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

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
}
