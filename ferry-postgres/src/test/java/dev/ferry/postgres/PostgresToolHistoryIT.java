package dev.ferry.postgres;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.spi.Dialect;
import dev.ferry.testkit.TestPostgres;
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
    protected String railsTable() {
        return "CREATE TABLE \"schema_migrations\" (\"version\" character varying NOT NULL PRIMARY KEY)";
    }

    @Override
    protected String prismaTable() {
        return """
                CREATE TABLE _prisma_migrations (
                    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
                    checksum                VARCHAR(64) NOT NULL,
                    finished_at             TIMESTAMPTZ,
                    migration_name          VARCHAR(255) NOT NULL,
                    logs                    TEXT,
                    rolled_back_at          TIMESTAMPTZ,
                    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
                    applied_steps_count     INTEGER NOT NULL DEFAULT 0
                )""";
    }

    @Override
    protected FluentConfiguration flyway() {
        return Flyway.configure().dataSource("jdbc:postgresql://localhost:" + TestPostgres.port() + "/" + url.database().orElseThrow(), "postgres", "");
    }
}
