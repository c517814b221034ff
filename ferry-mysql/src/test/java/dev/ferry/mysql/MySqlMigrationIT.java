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
    protected String nonTransactionalStatement() {
        return "CREATE INDEX users_email ON users (email)";
    }
}
