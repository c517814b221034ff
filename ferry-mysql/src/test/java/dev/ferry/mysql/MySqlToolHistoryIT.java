package dev.ferry.mysql;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.spi.Dialect;
import dev.ferry.testkit.TestMariaDb;
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
    protected String railsTable() {
        return "CREATE TABLE `schema_migrations` (`version` varchar(255) NOT NULL PRIMARY KEY)";
    }

    @Override
    protected String prismaTable() {
        return """
                CREATE TABLE _prisma_migrations (
                    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
                    checksum                VARCHAR(64) NOT NULL,
                    finished_at             DATETIME(3),
                    migration_name          VARCHAR(255) NOT NULL,
                    logs                    TEXT,
                    rolled_back_at          DATETIME(3),
                    started_at              DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                    applied_steps_count     INTEGER UNSIGNED NOT NULL DEFAULT 0
                ) DEFAULT CHARACTER SET utf8mb4""";
    }

    @Override
    protected FluentConfiguration flyway() {
        return Flyway.configure().dataSource("jdbc:mariadb://" + url.host().orElseThrow() + ":" + url.port().orElse(3306) + "/" + url.database().orElseThrow(),
                url.user().orElse(null), url.password().orElse(null));
    }
}
