package dev.ferry.sqlite;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.spi.Dialect;
import dev.ferry.testkit.RenamedRunbook.ToolTables;
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
    protected ToolTables toolTables() {
        return ToolTables.SQLITE;
    }

    @Override
    protected FluentConfiguration flyway() {
        return Flyway.configure().dataSource("jdbc:sqlite:" + url.path().orElseThrow(), null, null);
    }
}
