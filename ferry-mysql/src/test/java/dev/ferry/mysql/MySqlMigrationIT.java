package dev.ferry.mysql;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.spi.Dialect;
import dev.ferry.testkit.MigrationContract;
import dev.ferry.testkit.TestMariaDb;

class MySqlMigrationIT extends MigrationContract {

    @Override
    protected Dialect dialect() {
        return new MySqlDialect();
    }

    @Override
    protected DatabaseUrl newDatabase() {
        return DatabaseUrl.parse(TestMariaDb.url(TestMariaDb.createDatabase("migrate")));
    }

    @Override
    protected void runFlyway() {
        org.flywaydb.core.Flyway.configure()
                .dataSource("jdbc:mariadb://" + url.host().orElseThrow() + ":" + url.port().orElse(3306) + "/" + url.database().orElseThrow(),
                        url.user().orElse(null), url.password().orElse(null))
                .locations("filesystem:" + dir).load().migrate();
    }

    @Override
    protected String nonTransactionalStatement() {
        return "CREATE INDEX users_email ON users (email)";
    }
}
