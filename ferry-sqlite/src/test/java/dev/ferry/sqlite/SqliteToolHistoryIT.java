package dev.ferry.sqlite;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.spi.Dialect;
import dev.ferry.testkit.ToolHistoryContract;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteToolHistoryIT extends ToolHistoryContract {
    @TempDir
    Path databaseDir;

    @Override
    protected Dialect dialect() {
        return new SqliteDialect();
    }

    @Override
    protected DatabaseUrl newDatabase() {
        return DatabaseUrl.parse("sqlite:" + databaseDir.resolve("app.db") + "?create=true");
    }

    @Override
    protected String railsTable() {
        return "CREATE TABLE \"schema_migrations\" (\"version\" varchar NOT NULL PRIMARY KEY)";
    }

    @Override
    protected String prismaTable() {
        return """
                CREATE TABLE "_prisma_migrations" (
                    "id"                    TEXT PRIMARY KEY NOT NULL,
                    "checksum"              TEXT NOT NULL,
                    "finished_at"           DATETIME,
                    "migration_name"        TEXT NOT NULL,
                    "logs"                  TEXT,
                    "rolled_back_at"        DATETIME,
                    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
                    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
                )""";
    }

    @Override
    protected FluentConfiguration flyway() {
        return Flyway.configure().dataSource("jdbc:sqlite:" + url.path().orElseThrow(), null, null);
    }
}
