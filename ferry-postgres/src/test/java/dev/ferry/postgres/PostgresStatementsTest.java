package dev.ferry.postgres;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresStatementsTest {

    @ParameterizedTest
    @ValueSource(strings = {"CREATE INDEX CONCURRENTLY i ON t (a)", "create unique index concurrently i on t (a)", "DROP INDEX CONCURRENTLY i",
            "REINDEX TABLE CONCURRENTLY t", "-- why\nVACUUM ANALYZE t", "CREATE DATABASE x", "ALTER SYSTEM SET work_mem = '64MB'"})
    void refuseATransaction(String sql) {
        assertThat(PostgresStatements.cannotRunInTransaction(sql, 17)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE INDEX i ON t (a)", "CREATE TABLE concurrently_named (id INT)", "SELECT 'VACUUM'", "ALTER TYPE mood ADD VALUE 'ok'"})
    void runInATransaction(String sql) {
        assertThat(PostgresStatements.cannotRunInTransaction(sql, 17)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 11})
    void enumValuesBeforeTwelveRefuseATransaction(int major) {
        assertThat(PostgresStatements.cannotRunInTransaction("ALTER TYPE mood ADD VALUE 'ok'", major)).isTrue();
    }
}
