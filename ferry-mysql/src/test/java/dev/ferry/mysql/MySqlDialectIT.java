package dev.ferry.mysql;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.spi.Dialect;
import dev.ferry.testkit.DialectContract;
import dev.ferry.testkit.TestMariaDb;

class MySqlDialectIT extends DialectContract {

    @Override
    protected Dialect dialect() {
        return new MySqlDialect();
    }

    @Override
    protected DatabaseUrl chinookDatabase() {
        return DatabaseUrl.parse(TestMariaDb.url(TestMariaDb.createChinookDatabase("contract")));
    }

    @Override
    protected String expectedProduct() {
        return "MariaDB";
    }
}
