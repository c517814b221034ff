package dev.ferry.copy.cross;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PgBinaryValuesTest {
    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void numericIsBase10000DigitsWithWeightSignAndScale() {
        // 1234.56: digits 1234, 5600; weight 0; positive; scale 2
        assertThat(hex(PgBinaryValues.numeric(new BigDecimal("1234.56")))).isEqualTo("0002" + "0000" + "0000" + "0002" + "04d2" + "15e0");
        // -0.01: one digit 100 at weight -1
        assertThat(hex(PgBinaryValues.numeric(new BigDecimal("-0.01")))).isEqualTo("0001" + "ffff" + "4000" + "0002" + "0064");
        assertThat(hex(PgBinaryValues.numeric(BigDecimal.ZERO))).isEqualTo("0000" + "0000" + "0000" + "0000");
        // 18446744073709551615 (bigint unsigned's max): 1844 6744 0737 0955 1615, weight 4
        assertThat(hex(PgBinaryValues.numeric(new BigDecimal("18446744073709551615")))).isEqualTo("0005" + "0004" + "0000" + "0000"
                + "0734" + "1a58" + "02e1" + "03bb" + "064f");
        assertThat(hex(PgBinaryValues.numeric(new BigDecimal("10000")))).isEqualTo("0001" + "0001" + "0000" + "0000" + "0001");
    }

    @Test
    void integersBooleansAndDatesFromWhatDriversHandOut() {
        assertThat(ByteBuffer.wrap(PgBinaryValues.forType("bigint", false).encode(4294967295L)).getLong()).isEqualTo(4294967295L);
        assertThat(ByteBuffer.wrap(PgBinaryValues.forType("integer", false).encode("12")).getInt()).isEqualTo(12);
        assertThat(PgBinaryValues.forType("numeric(20)", false).encode(new BigInteger("18446744073709551615"))).hasSize(18);
        assertThat(PgBinaryValues.forType("boolean", false).encode(Boolean.TRUE)).containsExactly(1);
        assertThat(PgBinaryValues.forType("boolean", false).encode(0)).containsExactly(0);
        assertThat(ByteBuffer.wrap(PgBinaryValues.forType("date", false).encode("2000-01-02")).getInt()).isEqualTo(1);
        assertThat(ByteBuffer.wrap(PgBinaryValues.forType("timestamp without time zone", false).encode("2000-01-01 00:00:01.5")).getLong())
                .isEqualTo(1_500_000L);
        assertThat(ByteBuffer.wrap(PgBinaryValues.forType("timestamp(0) with time zone", false).encode("1999-12-31 23:59:59")).getLong())
                .isEqualTo(-1_000_000L);
        // SQLite's integer times: seconds (unixepoch()) or milliseconds (its JDBC driver's Timestamps)
        assertThat(PgBinaryValues.fromEpoch(946_684_800L)).isEqualTo("2000-01-01T00:00");
        assertThat(PgBinaryValues.fromEpoch(946_684_800_500L)).isEqualTo("2000-01-01T00:00:00.500");
        assertThat(PgBinaryValues.forType("jsonb", false).encode("{}")).containsExactly(1, '{', '}');
        assertThat(hex(PgBinaryValues.forType("text[]", false).encode("a,bc"))).isEqualTo("00000001" + "00000000" + "00000019" + "00000002" + "00000001"
                + "00000001" + "61" + "00000002" + "6263");
        assertThat(hex(PgBinaryValues.forType("text[]", false).encode(""))).isEqualTo("00000000" + "00000000" + "00000019");
    }

    @Test
    void zeroDatesAreRecognisedAndValuesThatDoNotFitAreRefusedWithTheReason() {
        assertThat(PgBinaryValues.isZeroDate("0000-00-00 00:00:00")).isTrue();
        assertThat(PgBinaryValues.isZeroDate("2024-00-10")).isTrue();
        assertThat(PgBinaryValues.isZeroDate("2024-01-10")).isFalse();
        assertThatThrownBy(() -> PgBinaryValues.forType("integer", false).encode("abc")).hasMessage("'abc' is not a number");
        assertThatThrownBy(() -> PgBinaryValues.forType("integer", false).encode(4294967295L)).hasMessageContaining("does not fit");
        assertThatThrownBy(() -> PgBinaryValues.forType("integer", false).encode(1.5)).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> PgBinaryValues.forType("text", false).encode("a\0b")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> PgBinaryValues.forType("point", false)).hasMessageContaining("point");
    }
}
