package dev.ferry.copy.out;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutTypesTest {
    private static PgColumn column(String type) {
        return column(type, 'b', 'N');
    }

    private static PgColumn column(String type, char kind, char category) {
        return new PgColumn("c", type, kind, category, false, null, false, 0, false, List.of());
    }

    private static String maria(String type) throws OutTypes.Refused {
        return OutTypes.map(column(type), OutTarget.MARIADB, false, null).sqlType();
    }

    private static String sqlite(String type) throws OutTypes.Refused {
        return OutTypes.map(column(type), OutTarget.SQLITE, false, null).sqlType();
    }

    @Test
    void sharedTypesMapToTheTargetsOwn() throws Exception {
        assertThat(maria("integer")).isEqualTo("int");
        assertThat(maria("boolean")).isEqualTo("tinyint(1)");
        assertThat(maria("numeric(10,2)")).isEqualTo("decimal(10,2)");
        assertThat(maria("character varying(40)")).isEqualTo("varchar(40)");
        assertThat(maria("character varying")).isEqualTo("longtext");
        assertThat(maria("character(3)")).isEqualTo("char(3)");
        assertThat(maria("bytea")).isEqualTo("longblob");
        assertThat(maria("timestamp(3) without time zone")).isEqualTo("datetime(3)");
        assertThat(maria("timestamp with time zone")).isEqualTo("datetime(6)");
        assertThat(maria("uuid")).isEqualTo("char(36)");
        assertThat(maria("jsonb")).isEqualTo("json");
        assertThat(sqlite("bigint")).isEqualTo("INTEGER");
        assertThat(sqlite("numeric(10,2)")).isEqualTo("NUMERIC(10,2)");
        assertThat(sqlite("numeric(20,2)")).as("wider than a float keeps").isEqualTo("TEXT");
        assertThat(sqlite("numeric")).isEqualTo("TEXT");
        assertThat(sqlite("double precision")).isEqualTo("REAL");
    }

    @Test
    void aTextColumnInAKeyFitsMariaDbsIndexLimit() throws Exception {
        assertThat(OutTypes.map(column("text"), OutTarget.MARIADB, true, null).sqlType()).isEqualTo("varchar(768)");
        assertThat(OutTypes.map(column("character varying(100)"), OutTarget.MARIADB, true, null).sqlType()).isEqualTo("varchar(100)");
        assertThat(OutTypes.map(column("text"), OutTarget.SQLITE, true, null).sqlType()).isEqualTo("TEXT");
    }

    @Test
    void timestamptzIsReadInUtcAndEnumsKeepTheirLabels() throws Exception {
        assertThat(OutTypes.map(column("timestamp with time zone"), OutTarget.SQLITE, false, null).select()).isEqualTo("(%s AT TIME ZONE 'UTC')::text");
        PgColumn mood = new PgColumn("mood", "mood", 'e', 'E', false, null, false, 0, false, List.of("sad", "it's"));
        assertThat(OutTypes.map(mood, OutTarget.MARIADB, false, null).sqlType()).isEqualTo("enum('sad','it''s')");
        OutType lite = OutTypes.map(mood, OutTarget.SQLITE, false, null);
        assertThat(lite.sqlType()).isEqualTo("TEXT");
        assertThat(lite.check()).isEqualTo("%s IN ('sad','it''s')");
    }

    @Test
    void whatNoTargetRepresentsIsRefusedWithWhatItIs() {
        assertThatThrownBy(() -> OutTypes.map(column("integer[]", 'b', 'A'), OutTarget.SQLITE, false, null)).hasMessage("an array");
        assertThatThrownBy(() -> maria("interval")).hasMessage("an interval");
        assertThatThrownBy(() -> maria("point")).hasMessage("a geometric type");
        assertThatThrownBy(() -> maria("time with time zone")).hasMessage("a time of day with a time zone");
        assertThatThrownBy(() -> maria("inet")).hasMessageContaining("MariaDB has no counterpart");
        assertThatThrownBy(() -> OutTypes.map(column("int4range", 'r', 'R'), OutTarget.MARIADB, false, null)).hasMessage("a range");
        assertThatThrownBy(() -> OutTypes.map(column("positive", 'd', 'N'), OutTarget.SQLITE, false, null)).hasMessage("a domain");
        assertThatThrownBy(() -> maria("numeric(66,2)")).hasMessageContaining("beyond MariaDB's DECIMAL");
        assertThatThrownBy(() -> maria("numeric(40,35)")).hasMessageContaining("30 after the point");
    }

    @Test
    void aNumericWithoutPrecisionIsDecimal65And30WhenItsValuesFit() throws Exception {
        assertThat(OutTypes.map(column("numeric"), OutTarget.MARIADB, false, new OutTypes.NumericDigits(35, 30, false)).sqlType())
                .isEqualTo("decimal(65,30)");
        assertThatThrownBy(() -> OutTypes.map(column("numeric"), OutTarget.MARIADB, false, new OutTypes.NumericDigits(36, 2, false)))
                .hasMessageContaining("up to 36 digits before the point");
        assertThatThrownBy(() -> OutTypes.map(column("numeric"), OutTarget.MARIADB, false, new OutTypes.NumericDigits(1, 2, true)))
                .hasMessageContaining("NaN");
    }

    @Test
    void literalDefaultsAndTheCurrentTimeTranslate() throws Exception {
        OutType datetime = OutTypes.map(column("timestamp without time zone"), OutTarget.MARIADB, false, null);
        assertThat(OutDefaults.of("CURRENT_TIMESTAMP", datetime, OutTarget.MARIADB)).isEqualTo("CURRENT_TIMESTAMP(6)");
        OutType utc = OutTypes.map(column("timestamp with time zone"), OutTarget.MARIADB, false, null);
        assertThat(OutDefaults.of("now()", utc, OutTarget.MARIADB)).as("MariaDB's current time is the session's zone, not UTC").isNull();
        assertThat(OutDefaults.of("now()", utc, OutTarget.SQLITE)).isEqualTo("CURRENT_TIMESTAMP");
        OutType text = OutTypes.map(column("character varying(10)"), OutTarget.MARIADB, false, null);
        assertThat(OutDefaults.of("'it''s a \\ path'::character varying", text, OutTarget.MARIADB)).isEqualTo("'it''s a \\\\ path'");
        assertThat(OutDefaults.of("'a'::text || 'b'::text", text, OutTarget.MARIADB)).isNull();
        OutType integer = OutTypes.map(column("integer"), OutTarget.SQLITE, false, null);
        assertThat(OutDefaults.of("'-1'::integer", integer, OutTarget.SQLITE)).isEqualTo("-1");
        assertThat(OutDefaults.of("nextval('t_id_seq'::regclass)", integer, OutTarget.SQLITE)).isNull();
        OutType bool = OutTypes.map(column("boolean"), OutTarget.SQLITE, false, null);
        assertThat(OutDefaults.of("true", bool, OutTarget.SQLITE)).isEqualTo("1");
    }
}
