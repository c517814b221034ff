package dev.ferry.copy.cross;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Values from another database's JDBC driver as the bytes of PostgreSQL's binary COPY format for
 * a column's type ({@code format_type} spelling: "integer", "numeric(10,2)", "timestamp without time
 * zone"). Accepts what MariaDB's and SQLite's drivers hand out: numbers, strings, byte arrays,
 * booleans; temporal values as text ({@code 2009-01-01 00:00:00[.ffffff]}) or SQLite's integers (seconds or
 * milliseconds since 1970, UTC). A value that does not
 * fit the type is an {@link IllegalArgumentException} saying why.
 */
public final class PgBinaryValues {
    private static final LocalDate PG_EPOCH = LocalDate.of(2000, 1, 1);
    private static final LocalDateTime PG_EPOCH_TIME = PG_EPOCH.atStartOfDay();
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd().optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendPattern("HH:mm[:ss]").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd().parseDefaulting(ChronoField.HOUR_OF_DAY, 0).toFormatter(Locale.ROOT);

    /** Turns one column's values into bytes. */
    public interface Encoder {
        /** The value's bytes, or null for NULL. */
        byte[] encode(Object value);
    }

    private PgBinaryValues() {
    }

    /** MariaDB's zero date ("0000-00-00", "0000-00-00 00:00:00", or with a zero month or day), which PostgreSQL has no value for. */
    public static boolean isZeroDate(Object value) {
        if (!(value instanceof String s) || s.length() < 10) {
            return false;
        }
        return s.startsWith("0000-") || s.startsWith("-00", 4) || s.startsWith("-00", 7);
    }

    /** The encoder for a column of {@code type}; {@code enumType}: a PostgreSQL enum, whose binary form is its label. */
    public static Encoder forType(String type, boolean enumType) {
        if (enumType) {
            return PgBinaryValues::text;
        }
        String base = type.replaceAll("\\(.*?\\)", "").strip().toLowerCase(Locale.ROOT);
        return switch (base) {
            case "boolean" -> PgBinaryValues::bool;
            case "smallint" -> v -> shortBytes((short) integer(v, Short.MIN_VALUE, Short.MAX_VALUE));
            case "integer" -> v -> intBytes((int) integer(v, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case "bigint" -> v -> longBytes(integer(v, Long.MIN_VALUE, Long.MAX_VALUE));
            case "numeric" -> v -> numeric(decimal(v));
            case "real" -> v -> ByteBuffer.allocate(4).putFloat(number(v).floatValue()).array();
            case "double precision" -> v -> ByteBuffer.allocate(8).putDouble(number(v).doubleValue()).array();
            case "text", "character varying", "character", "name", "citext", "json", "xml" -> PgBinaryValues::text;
            case "jsonb" -> v -> jsonb(text(v));
            case "bytea" -> PgBinaryValues::bytes;
            case "date" -> v -> intBytes((int) ChronoUnit.DAYS.between(PG_EPOCH, dateTime(v).toLocalDate()));
            case "timestamp without time zone", "timestamp with time zone", "timestamp" -> v -> longBytes(timestampMicros(v));
            case "time without time zone", "time" -> v -> ByteBuffer.allocate(8).putLong(time(v).toNanoOfDay() / 1000).array();
            case "uuid" -> PgBinaryValues::uuid;
            case "text[]", "character varying[]" -> PgBinaryValues::textArray;
            default -> throw new IllegalArgumentException("ferry copy cannot write PostgreSQL's " + type + " from another database yet");
        };
    }

    private static byte[] bool(Object v) {
        if (v instanceof Boolean b) {
            return new byte[] {(byte) (b ? 1 : 0)};
        }
        if (v instanceof Number n) {
            return new byte[] {(byte) (n.longValue() != 0 ? 1 : 0)}; // MySQL's truth: any non-zero tinyint(1)
        }
        String s = asString(v).strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "1", "t", "true", "y", "yes", "on" -> new byte[] {1};
            case "0", "f", "false", "n", "no", "off" -> new byte[] {0};
            default -> throw new IllegalArgumentException("'" + v + "' is not a boolean");
        };
    }

    private static long integer(Object v, long min, long max) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            long l = ((Number) v).longValue(); // what the drivers hand out for integer columns: no BigDecimal needed
            if (l < min || l > max) {
                throw new IllegalArgumentException(v + " does not fit (" + min + " to " + max + ")");
            }
            return l;
        }
        BigDecimal d = decimal(v);
        BigInteger i;
        try {
            i = d.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + v + "' is not a whole number");
        }
        if (i.compareTo(BigInteger.valueOf(min)) < 0 || i.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new IllegalArgumentException(v + " does not fit (" + min + " to " + max + ")");
        }
        return i.longValue();
    }

    private static Number number(Object v) {
        if (v instanceof Number n) {
            return n;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        try {
            return Double.parseDouble(asString(v).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a number");
        }
    }

    private static BigDecimal decimal(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(d + " is not a number PostgreSQL's numeric can hold here");
            }
            return BigDecimal.valueOf(d);
        }
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(asString(v).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a number");
        }
    }

    /** numeric's binary form: digit count, weight, sign, display scale, then base-10000 digits. */
    static byte[] numeric(BigDecimal value) {
        byte[] small = smallNumeric(value);
        return small != null ? small : anyNumeric(value);
    }

    /** Powers of ten that pad a fraction to whole groups of four digits. */
    private static final long[] PAD = {1, 1000, 100, 10};

    /**
     * {@link #numeric} by arithmetic on the unscaled long, for the values of every ordinary decimal
     * column (up to 15 digits or so); null when the value needs {@link #anyNumeric}.
     */
    private static byte[] smallNumeric(BigDecimal value) {
        int scale = value.scale();
        if (scale < 0 || value.precision() > 15 || scale > 1000) {
            return null;
        }
        long unscaled = Math.abs(value.unscaledValue().longValue()) * PAD[scale % 4]; // the fraction padded to whole groups of four
        int fractionGroups = (scale + 3) / 4;
        short[] groups = new short[6]; // least significant first; at most 15 + 3 digits
        int count = 0;
        int lowest = 0; // trailing zero groups are left out
        while (unscaled != 0) {
            short g = (short) (unscaled % 10_000);
            unscaled /= 10_000;
            if (count == lowest && g == 0) {
                lowest++;
            }
            groups[count++] = g;
        }
        int digits = count - lowest;
        int weight = digits == 0 ? 0 : count - 1 - fractionGroups;
        byte[] out = new byte[8 + 2 * digits];
        putShort(out, 0, digits);
        putShort(out, 2, weight);
        putShort(out, 4, value.signum() < 0 ? 0x4000 : 0);
        putShort(out, 6, scale);
        for (int i = 0; i < digits; i++) {
            putShort(out, 8 + 2 * i, groups[count - 1 - i]);
        }
        return out;
    }

    /** numeric of any BigDecimal, through its digits as text. */
    static byte[] anyNumeric(BigDecimal value) {
        BigDecimal abs = value.abs();
        int scale = Math.max(0, value.scale());
        String plain = abs.setScale(scale).toPlainString();
        int dot = plain.indexOf('.');
        String intPart = dot < 0 ? plain : plain.substring(0, dot);
        String fracPart = dot < 0 ? "" : plain.substring(dot + 1);
        if (intPart.equals("0")) {
            intPart = "";
        }
        // pad the integer part on the left and the fraction on the right to whole groups of four digits
        intPart = "0".repeat((4 - intPart.length() % 4) % 4) + intPart;
        fracPart = fracPart + "0".repeat((4 - fracPart.length() % 4) % 4);
        List<Short> digits = new ArrayList<>();
        for (int i = 0; i < intPart.length(); i += 4) {
            digits.add(Short.parseShort(intPart.substring(i, i + 4)));
        }
        for (int i = 0; i < fracPart.length(); i += 4) {
            digits.add(Short.parseShort(fracPart.substring(i, i + 4)));
        }
        int weight = intPart.length() / 4 - 1;
        // no leading or trailing zero groups
        while (!digits.isEmpty() && digits.get(0) == 0) {
            digits.remove(0);
            weight--;
        }
        while (!digits.isEmpty() && digits.get(digits.size() - 1) == 0) {
            digits.remove(digits.size() - 1);
        }
        if (digits.isEmpty()) {
            weight = 0;
        }
        ByteBuffer b = ByteBuffer.allocate(8 + 2 * digits.size());
        b.putShort((short) digits.size()).putShort((short) weight).putShort((short) (value.signum() < 0 ? 0x4000 : 0)).putShort((short) scale);
        digits.forEach(b::putShort);
        return b.array();
    }

    private static void putShort(byte[] b, int at, int v) {
        b[at] = (byte) (v >> 8);
        b[at + 1] = (byte) v;
    }

    private static byte[] shortBytes(short v) {
        byte[] b = new byte[2];
        putShort(b, 0, v);
        return b;
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    private static byte[] longBytes(long v) {
        return new byte[] {(byte) (v >> 56), (byte) (v >> 48), (byte) (v >> 40), (byte) (v >> 32), (byte) (v >> 24), (byte) (v >> 16),
                (byte) (v >> 8), (byte) v};
    }

    private static final long PG_EPOCH_DAY = PG_EPOCH.toEpochDay();

    /** Microseconds since 2000-01-01: MariaDB's text of a DATETIME read digit by digit, anything else through {@link #dateTime}. */
    static long timestampMicros(Object v) {
        if (v instanceof String s) {
            long micros = plainTimestampMicros(s);
            if (micros != Long.MIN_VALUE) {
                return micros;
            }
        }
        return ChronoUnit.MICROS.between(PG_EPOCH_TIME, dateTime(v));
    }

    /**
     * "yyyy-MM-dd HH:mm:ss" with up to six fraction digits, as MariaDB prints a DATETIME, without a
     * formatter (which costs a microsecond a value); Long.MIN_VALUE for any other text, or a date
     * or time that does not exist, which {@link #dateTime} then reads or refuses with its message.
     */
    private static long plainTimestampMicros(String s) {
        int n = s.length();
        if (n < 19 || n == 20 || n > 26 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != ' ' && s.charAt(10) != 'T')
                || s.charAt(13) != ':' || s.charAt(16) != ':' || (n > 19 && s.charAt(19) != '.')) {
            return Long.MIN_VALUE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int fraction = n > 19 ? digits(s, 20, n) : 0;
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59 || fraction < 0 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return Long.MIN_VALUE;
        }
        for (int i = n; i < 26 && n > 19; i++) {
            fraction *= 10; // ".5" is half a second
        }
        long days = LocalDate.of(year, month, day).toEpochDay() - PG_EPOCH_DAY;
        return (days * 86_400L + hour * 3600L + minute * 60L + second) * 1_000_000L + fraction;
    }

    /** The decimal number in s[from, to), or -1 when a character there is not a digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static byte[] text(Object v) {
        String s = asString(v);
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("text holds a NUL character, which PostgreSQL's text cannot");
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String asString(Object v) {
        if (v instanceof byte[] b) {
            // bytes in a text column (SQLite BLOB values, MariaDB binary strings): valid UTF-8 or refused
            var decoder = StandardCharsets.UTF_8.newDecoder();
            try {
                return decoder.decode(ByteBuffer.wrap(b)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new IllegalArgumentException("binary value of " + b.length + " bytes is not UTF-8 text");
            }
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    private static byte[] jsonb(byte[] json) {
        byte[] out = new byte[json.length + 1];
        out[0] = 1; // jsonb's binary format version
        System.arraycopy(json, 0, out, 1, json.length);
        return out;
    }

    private static byte[] bytes(Object v) {
        return v instanceof byte[] b ? b : asString(v).getBytes(StandardCharsets.UTF_8);
    }

    private static LocalDateTime dateTime(Object v) {
        if (v instanceof java.time.OffsetDateTime t) {
            return t.withOffsetSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime(); // timestamptz counts from the epoch in UTC
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().atStartOfDay();
        }
        if (v instanceof LocalDateTime t) {
            return t;
        }
        if (v instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        if (v instanceof Long || v instanceof Integer) {
            return fromEpoch(((Number) v).longValue());
        }
        String s = asString(v).strip();
        try {
            return LocalDateTime.parse(s, DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + v + "' is not a date and time (yyyy-MM-dd HH:mm:ss)");
        }
    }

    /**
     * SQLite's integer times, in UTC: seconds since 1970 as its own {@code unixepoch()} gives them, or
     * milliseconds as its JDBC driver writes a Timestamp. Told apart by size: 10^11 seconds is the year 5138.
     */
    static LocalDateTime fromEpoch(long value) {
        java.time.Instant instant = Math.abs(value) >= 100_000_000_000L ? java.time.Instant.ofEpochMilli(value) : java.time.Instant.ofEpochSecond(value);
        return LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
    }

    private static LocalTime time(Object v) {
        if (v instanceof java.sql.Time t) {
            return t.toLocalTime();
        }
        try {
            return LocalTime.parse(asString(v).strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + v + "' is not a time of day (HH:mm:ss)");
        }
    }

    private static byte[] uuid(Object v) {
        if (v instanceof byte[] b && b.length == 16) {
            return b;
        }
        try {
            UUID u = UUID.fromString(asString(v).strip());
            return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + v + "' is not a UUID");
        }
    }

    /** A one-dimensional text[] from MySQL's SET value ("a,b"; "" is the empty set). */
    private static byte[] textArray(Object v) {
        String s = asString(v);
        List<byte[]> members = new ArrayList<>();
        if (!s.isEmpty()) {
            for (String m : s.split(",", -1)) {
                members.add(m.getBytes(StandardCharsets.UTF_8));
            }
        }
        int size = 12 + (members.isEmpty() ? 0 : 8) + members.stream().mapToInt(m -> 4 + m.length).sum();
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(members.isEmpty() ? 0 : 1).putInt(0).putInt(25); // dimensions, no NULLs, element type text (oid 25)
        if (!members.isEmpty()) {
            b.putInt(members.size()).putInt(1); // length and lower bound of the one dimension
        }
        members.forEach(m -> b.putInt(m.length).put(m));
        return b.array();
    }
}
