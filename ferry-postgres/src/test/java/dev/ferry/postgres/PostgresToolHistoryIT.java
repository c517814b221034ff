package dev.ferry.postgres;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.spi.Dialect;
import dev.ferry.testkit.TestPostgres;
import dev.ferry.testkit.RenamedRunbook.ToolTables;
import dev.ferry.testkit.ToolHistoryContract;
import org.flywaydb.core.Flyway;

import org.flywaydb.core.api.configuration.FluentConfiguration;

class PostgresToolHistoryIT extends ToolHistoryContract {

    @Override
    protected Dialect dialect() {
        return new PostgresDialect();
    }

    @Override
    protected DatabaseUrl newDatabase() {
        return DatabaseUrl.parse(TestPostgres.url(TestPostgres.createDatabase("tools")));
    }

    @Override
    protected ToolTables toolTables() {
        return ToolTables.POSTGRES;
    }

    @Override
    protected FluentConfiguration flyway() {
        return Flyway.configure().dataSource("jdbc:postgresql://localhost:" + TestPostgres.port() + "/" + url.database().orElseThrow(), "postgres", "");
    }
}
