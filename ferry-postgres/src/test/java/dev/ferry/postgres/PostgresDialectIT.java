package dev.ferry.postgres;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.spi.Dialect;
import dev.ferry.testkit.DialectContract;
import dev.ferry.testkit.TestPostgres;

class PostgresDialectIT extends DialectContract {

    @Override
    protected Dialect dialect() {
        return new PostgresDialect();
    }

    @Override
    protected DatabaseUrl chinookDatabase() {
        return DatabaseUrl.parse(TestPostgres.url(TestPostgres.createChinookDatabase("pg_contract")));
    }

    @Override
    protected String expectedProduct() {
        return "PostgreSQL";
    }
}
