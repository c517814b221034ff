package dev.ferry.mysql;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.spi.Dialect;
import dev.ferry.testkit.TestMariaDb;
import dev.ferry.testkit.RenamedRunbook.ToolTables;
import dev.ferry.testkit.ToolHistoryContract;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

class MySqlToolHistoryIT extends ToolHistoryContract {

    @Override
    protected Dialect dialect() {
        return new MySqlDialect();
    }

    @Override
    protected DatabaseUrl newDatabase() {
        return DatabaseUrl.parse(TestMariaDb.url(TestMariaDb.createDatabase("tools")));
    }

    @Override
    protected ToolTables toolTables() {
        return ToolTables.MARIADB;
    }

    @Override
    protected FluentConfiguration flyway() {
        return Flyway.configure().dataSource("jdbc:mariadb://" + url.host().orElseThrow() + ":" + url.port().orElse(3306) + "/" + url.database().orElseThrow(),
                url.user().orElse(null), url.password().orElse(null));
    }
}
