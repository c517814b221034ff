package dev.ferry.sqlite;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.spi.Dialect;
import dev.ferry.testkit.MigrationContract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

class SqliteMigrationIT extends MigrationContract {

    @Override
    protected Dialect dialect() {
        return new SqliteDialect();
    }

    @Override
    protected DatabaseUrl newDatabase() {
        try {
            return DatabaseUrl.parse("sqlite:" + Files.createTempDirectory("ferry-migrate").resolve("app.db") + "?create=true");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
