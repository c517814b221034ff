package dev.ferry.postgres;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.spi.Dialect;
import dev.ferry.testkit.TestPostgres;
import dev.ferry.testkit.RenamedRunbook.ToolTables;
import dev.ferry.testkit.ToolHistoryContract;
import dev.ferry.connect.HistoryConfig;
import dev.ferry.connect.HistoryTool;
import dev.ferry.migrate.ChangeResult;
import dev.ferry.migrate.ToolHistories;
import dev.ferry.testkit.RenamedRunbook;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
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

    /**
     * A `prisma migrate deploy` that records the renamed folder while the repair waits: the repair
     * takes the table only once that write commits, compares inside its own transaction, and so
     * does not record the folder a second time.
     */
    @Test
    void aConcurrentWriteOfTheToolIsWaitedForAndNotDuplicated() throws Exception {
        Path migrations;
        try (Connection c = database.connect()) {
            migrations = RenamedRunbook.prismaProject(dir, c, ToolTables.POSTGRES);
        }
        String renamed = RenamedRunbook.RENAMED.values().iterator().next();
        ToolHistories prisma = new ToolHistories(database, new HistoryConfig(null, null, HistoryTool.PRISMA), migrations, dir.resolve("backups"));
        try (Connection deploy = database.connect()) {
            deploy.setAutoCommit(false);
            RenamedRunbook.prismaRow(deploy, renamed, RenamedRunbook.sha256(migrations.resolve(renamed + "/migration.sql")), true, false);
            CompletableFuture<ChangeResult> repair = CompletableFuture.supplyAsync(() -> prisma.repair(Duration.ofSeconds(10)));
            Thread.sleep(1500);
            assertThat(repair).as("the repair waits for the other writer").isNotDone();
            deploy.commit();
            ChangeResult result = repair.get(30, TimeUnit.SECONDS);
            assertThat(result.changes()).hasSize(6).noneMatch(line -> line.contains(renamed));
        }
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM _prisma_migrations WHERE migration_name = '" + renamed + "'")) {
            r.next();
            assertThat(r.getInt(1)).isOne();
        }
    }
}
