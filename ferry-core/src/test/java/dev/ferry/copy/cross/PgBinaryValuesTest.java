package dev.ferry.copy.cross;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;

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

    @Test
    void numericByArithmeticWritesTheSameBytesAsThroughText() {
        java.util.Random random = new java.util.Random(12);
        List<BigDecimal> values = new java.util.ArrayList<>(List.of(BigDecimal.ZERO, new BigDecimal("0.00"), new BigDecimal("10000"),
                new BigDecimal("-0.01"), new BigDecimal("100000000.0001"), new BigDecimal("999999999999999"), new BigDecimal("0.000000000000001"),
                new BigDecimal("-123456789012.345"), new BigDecimal("1E+3"), new BigDecimal("12345678901234567890.5")));
        for (int i = 0; i < 20_000; i++) {
            values.add(BigDecimal.valueOf(random.nextLong() % 1_000_000_000_000_000L, random.nextInt(20)));
            values.add(BigDecimal.valueOf(random.nextInt(100_000) * 137L + 1, 2));
        }
        for (BigDecimal v : values) {
            assertThat(hex(PgBinaryValues.numeric(v))).as(v.toPlainString()).isEqualTo(hex(PgBinaryValues.anyNumeric(v)));
        }
    }

    @Test
    void timestampsReadDigitByDigitAsTheFormatterReadsThem() {
        java.time.LocalDateTime epoch = java.time.LocalDateTime.of(2000, 1, 1, 0, 0);
        for (String s : List.of("2015-01-01 00:01:01.000000", "1999-12-31 23:59:59.999999", "1970-01-01 00:00:00", "2024-02-29 12:30:45.5",
                "0001-01-01 00:00:00", "9999-12-31 23:59:59.123", "2009-01-01T08:00:00", "1900-03-01 00:00:00.000001")) {
            long expected = java.time.temporal.ChronoUnit.MICROS.between(epoch, java.time.LocalDateTime.parse(s.replace(' ', 'T')));
            assertThat(PgBinaryValues.timestampMicros(s)).as(s).isEqualTo(expected);
        }
        assertThatThrownBy(() -> PgBinaryValues.timestampMicros("2023-13-01 00:00:00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PgBinaryValues.timestampMicros("2023-01-0x 10:00:00")).isInstanceOf(IllegalArgumentException.class);
        assertThat(PgBinaryValues.timestampMicros("2023-01-01 10:00")).isEqualTo(
                java.time.temporal.ChronoUnit.MICROS.between(epoch, java.time.LocalDateTime.of(2023, 1, 1, 10, 0)));
    }

    @Test
    void rowsReachTheStreamWholeAndARowWithAValueThatDoesNotFitNotAtAll() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        PgBinaryRows rows = new PgBinaryRows(out, List.of(PgBinaryValues.forType("integer", false), PgBinaryValues.forType("text", false)));
        assertThat(out.size()).as("the header, written at once").isEqualTo(19);
        rows.row(new Object[] {1L, "a"});
        assertThat(hex(out.toByteArray()).substring(38)).isEqualTo("0002" + "00000004" + "00000001" + "00000001" + "61");
        assertThatThrownBy(() -> rows.row(new Object[] {7L, "bad\0"})).isInstanceOf(PgBinaryRows.ColumnValueException.class);
        assertThat(out.size()).as("nothing of the refused row").isEqualTo(19 + 15);
        rows.row(new Object[] {null, "b"});
        rows.finish();
        assertThat(hex(out.toByteArray()).substring(38 + 30)).isEqualTo("0002" + "ffffffff" + "00000001" + "62" + "ffff");
    }
}
