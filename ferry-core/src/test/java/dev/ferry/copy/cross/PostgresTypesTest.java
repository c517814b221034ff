package dev.ferry.copy.cross;

import dev.ferry.error.FerryException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresTypesTest {
    private static String my(String type) {
        return PostgresTypes.fromMySql(type, false).type();
    }

    private static String lite(String type) {
        return PostgresTypes.fromSqlite(type).type();
    }

    @Test
    void mySqlIntegersGetATypeThatHoldsTheirUnsignedRange() {
        assertThat(my("tinyint(1)")).isEqualTo("boolean");
        assertThat(my("tinyint(4)")).isEqualTo("smallint");
        assertThat(my("tinyint(3) unsigned")).isEqualTo("smallint");
        assertThat(my("smallint(5) unsigned")).isEqualTo("integer");
        assertThat(my("mediumint(8) unsigned")).isEqualTo("integer");
        assertThat(my("int(11)")).isEqualTo("integer");
        assertThat(my("int(10) unsigned")).isEqualTo("bigint");
        assertThat(my("int unsigned zerofill")).isEqualTo("bigint");
        assertThat(my("bigint(20)")).isEqualTo("bigint");
        assertThat(my("bigint(20) unsigned")).isEqualTo("numeric(20)");
        assertThat(my("bit(1)")).isEqualTo("boolean");
        assertThat(my("year(4)")).isEqualTo("smallint");
    }

    @Test
    void mySqlDatesTextBlobsAndNumbers() {
        assertThat(my("datetime")).isEqualTo("timestamp without time zone");
        assertThat(my("datetime(6)")).isEqualTo("timestamp(6) without time zone");
        assertThat(my("timestamp")).isEqualTo("timestamp with time zone");
        assertThat(my("date")).isEqualTo("date");
        assertThat(my("time")).isEqualTo("time without time zone");
        assertThat(my("varchar(160) CHARACTER SET latin1 COLLATE latin1_swedish_ci")).isEqualTo("character varying(160)");
        assertThat(my("char(2)")).isEqualTo("character(2)");
        assertThat(my("longtext")).isEqualTo("text");
        assertThat(my("varbinary(16)")).isEqualTo("bytea");
        assertThat(my("mediumblob")).isEqualTo("bytea");
        assertThat(my("decimal(10,2)")).isEqualTo("numeric(10,2)");
        assertThat(my("decimal(10,2) unsigned")).isEqualTo("numeric(10,2)");
        assertThat(my("float")).isEqualTo("real");
        assertThat(my("double")).isEqualTo("double precision");
        assertThat(my("json")).isEqualTo("jsonb");
        assertThat(PostgresTypes.fromMySql("longtext", true).type()).isEqualTo("jsonb"); // MariaDB's JSON: longtext with json_valid
        assertThat(my("timestamp ON UPDATE current_timestamp()")).isEqualTo("timestamp with time zone");
    }

    @Test
    void enumIsTextWithACheckOfItsValuesAndSetIsAnArray() {
        PostgresTypes.Mapped e = PostgresTypes.fromMySql("enum('small','it''s','a,b')", false);
        assertThat(e.type()).isEqualTo("text");
        assertThat(e.check().formatted("\"size\"")).isEqualTo("\"size\" IN ('small', 'it''s', 'a,b')");
        assertThat(my("set('red','green')")).isEqualTo("text[]");
    }

    @Test
    void aTypeWithNoPostgresCounterpartIsRefusedByName() {
        assertThatThrownBy(() -> my("geometry")).isInstanceOf(FerryException.class).hasMessageContaining("no PostgreSQL type for the source's geometry");
    }

    @Test
    void sqliteDeclaredTypesFollowTheAffinityRules() {
        assertThat(lite("INTEGER")).isEqualTo("bigint");
        assertThat(lite("BIGINT")).isEqualTo("bigint");
        assertThat(lite("TINYINT")).isEqualTo("smallint");
        assertThat(lite("NVARCHAR(40)")).isEqualTo("text");
        assertThat(lite("VARCHAR(10) COLLATE NOCASE")).isEqualTo("text");
        assertThat(lite("CLOB")).isEqualTo("text");
        assertThat(lite("")).isEqualTo("text");
        assertThat(lite("BLOB")).isEqualTo("bytea");
        assertThat(lite("REAL")).isEqualTo("double precision");
        assertThat(lite("DOUBLE PRECISION")).isEqualTo("double precision");
        assertThat(lite("FLOAT")).isEqualTo("double precision");
        assertThat(lite("NUMERIC(10,2)")).isEqualTo("numeric(10,2)");
        assertThat(lite("DECIMAL")).isEqualTo("numeric");
        assertThat(lite("BOOLEAN")).isEqualTo("boolean");
        assertThat(lite("DATETIME")).isEqualTo("timestamp without time zone");
        assertThat(lite("DATE")).isEqualTo("date");
        assertThat(lite("MONEY")).isEqualTo("numeric"); // NUMERIC affinity: what no other rule takes
        // "INT" anywhere wins, as in SQLite ("POINT" has integer affinity there too)
        assertThat(lite("POINT")).isEqualTo("bigint");
    }

    @Test
    void literalDefaultsAndTheCurrentTimeCarryOverAndExpressionsDoNot() {
        assertThat(PostgresTypes.defaultValue("0", "boolean")).isEqualTo("false");
        assertThat(PostgresTypes.defaultValue("'1'", "boolean")).isEqualTo("true");
        assertThat(PostgresTypes.defaultValue("42", "bigint")).isEqualTo("42");
        assertThat(PostgresTypes.defaultValue("'0.00'", "numeric(10,2)")).isEqualTo("0.00");
        assertThat(PostgresTypes.defaultValue("'it''s'", "character varying(20)")).isEqualTo("'it''s'");
        assertThat(PostgresTypes.defaultValue("'S'", "text")).isEqualTo("'S'");
        assertThat(PostgresTypes.defaultValue("current_timestamp()", "timestamp with time zone")).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(PostgresTypes.defaultValue("CURRENT_TIMESTAMP", "timestamp without time zone")).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(PostgresTypes.defaultValue("'2024-01-01 00:00:00'", "timestamp without time zone")).isEqualTo("'2024-01-01 00:00:00'::timestamp without time zone");
        assertThat(PostgresTypes.defaultValue("'red,blue'", "text[]")).isEqualTo("'{red,blue}'");
        assertThat(PostgresTypes.defaultValue("'0000-00-00 00:00:00'", "timestamp without time zone")).isNull();
        assertThat(PostgresTypes.defaultValue("uuid()", "character(36)")).isNull();
        assertThat(PostgresTypes.defaultValue("(strftime('%s','now'))", "bigint")).isNull();
        assertThat(PostgresTypes.defaultValue("NULL", "text")).isNull();
        assertThat(PostgresTypes.defaultValue(null, "text")).isNull();
    }
}
