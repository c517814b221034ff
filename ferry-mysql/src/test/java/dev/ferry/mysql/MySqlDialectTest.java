package dev.ferry.mysql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MySqlDialectTest {

    /** Every spelling TransactionControl reads as SET autocommit is also one that makes the file run statement by statement. */
    @Test
    void everySpellingOfSetAutocommitCommitsImplicitly() {
        MySqlDialect dialect = new MySqlDialect();
        for (String sql : new String[] {"SET autocommit = 1", "SET LOCAL autocommit = 1", "SET @@local.autocommit = 0", "SET @@session.autocommit = @x",
                "SET SESSION autocommit = ON", "SET names utf8mb4, autocommit = 0", "SET PASSWORD = 'x'"}) {
            assertThat(dialect.commitsImplicitly(sql)).as(sql).isTrue();
        }
        assertThat(dialect.commitsImplicitly("SET @autocommit = 1")).isFalse();
        assertThat(dialect.commitsImplicitly("SET names utf8mb4")).isFalse();
    }
}
