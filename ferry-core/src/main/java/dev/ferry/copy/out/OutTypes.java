package dev.ferry.copy.out;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MariaDB/MySQL or SQLite column type for a PostgreSQL column, for the types the three share,
 * or why there is none. Integers keep their width (SQLite's INTEGER holds them all); boolean is
 * MariaDB's {@code tinyint(1)} and SQLite's 0/1; numeric(p,s) is DECIMAL(p,s) (MariaDB holds 65
 * digits, 30 after the point) and SQLite's NUMERIC(p,s) up to 15 digits (it stores them as floats,
 * which hold 15), TEXT beyond, so that no digit is lost; bytea is a blob; timestamptz is a UTC DATETIME (MariaDB's TIMESTAMP ends in
 * 2038); uuid is char(36) or text; json and jsonb are MariaDB's JSON (longtext with a json_valid
 * check) and SQLite's TEXT; an enum is MariaDB's ENUM, or TEXT with a CHECK of its labels.
 * <p>
 * In MariaDB a key or index holds at most 3072 bytes, so a text column (or longer varchar) that is
 * part of one becomes varchar(768): the load then refuses, by name, a longer value.
 * <p>
 * Arrays, ranges, intervals, geometric and network types, bit strings, money, xml, domains,
 * composites, time with time zone and the rest have no counterpart: the copy refuses them before
 * anything is written ({@link Refused}).
 */
public final class OutTypes {
    /** MariaDB's DECIMAL: at most 65 digits, at most 30 of them after the point (MySQL's limit; MariaDB's is 38). */
    public static final int MAX_PRECISION = 65;
    public static final int MAX_SCALE = 30;
    /** The digits SQLite's NUMERIC affinity keeps exactly (it stores a decimal as a float, and a float holds 15 of them). */
    static final int SQLITE_EXACT_DIGITS = 15;
    /** The characters of utf8mb4 that fit in one MariaDB index key (3072 bytes). */
    static final int KEY_CHARACTERS = 768;
    /** The longest varchar MariaDB keeps as one (a row holds 65535 bytes; utf8mb4 takes up to 4 a character). */
    private static final int MAX_VARCHAR = 16383;
    private static final Pattern ARGS = Pattern.compile("^([a-z ]+?)(?:\\((\\d+)(?:,(-?\\d+))?\\))?( with(?:out)? time zone)?$");

    /** No counterpart in the target: the reason, in words for the message. */
    public static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private OutTypes() {
    }

    /**
     * @param inKey     the column is part of the primary key, a unique constraint or an index
     * @param unbounded for a numeric without precision: the widest value the source holds, or null if not measured
     */
    public static OutType map(PgColumn c, OutTarget target, boolean inKey, NumericDigits unbounded) throws Refused {
        if (c.category() == 'A') {
            throw new Refused("an array");
        }
        switch (c.typeKind()) {
            case 'e' -> {
                return enumType(c, target);
            }
            case 'd' -> throw new Refused("a domain");
            case 'c' -> throw new Refused("a composite type");
            case 'r', 'm' -> throw new Refused("a range");
            case 'p' -> throw new Refused("a pseudo-type");
            default -> {
            }
        }
        Matcher m = ARGS.matcher(c.type().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new Refused("a type " + target.name().toLowerCase(Locale.ROOT) + " has no counterpart for");
        }
        String name = m.group(1).strip() + (m.group(4) == null ? "" : m.group(4));
        Integer n = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Integer scale = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        boolean maria = target == OutTarget.MARIADB;
        return switch (name) {
            case "smallint" -> OutType.of(maria ? "smallint" : "INTEGER", OutType.Kind.INTEGER);
            case "integer" -> OutType.of(maria ? "int" : "INTEGER", OutType.Kind.INTEGER);
            case "bigint" -> OutType.of(maria ? "bigint" : "INTEGER", OutType.Kind.INTEGER);
            case "boolean" -> OutType.of(maria ? "tinyint(1)" : "BOOLEAN", OutType.Kind.BOOLEAN);
            case "real" -> OutType.of(maria ? "float" : "REAL", OutType.Kind.REAL);
            case "double precision" -> OutType.of(maria ? "double" : "REAL", OutType.Kind.REAL);
            case "numeric" -> numeric(n, scale, target, unbounded);
            case "text", "character varying" -> text(n, maria, inKey);
            case "character" -> character(n == null ? 1 : n, maria);
            case "bytea" -> OutType.of(maria ? (inKey ? "varbinary(3072)" : "longblob") : "BLOB", OutType.Kind.BYTES);
            case "date" -> OutType.asText(maria ? "date" : "DATE");
            case "timestamp without time zone" -> OutType.asText(maria ? "datetime(" + (n == null ? 6 : n) + ")" : "DATETIME");
            case "timestamp with time zone" -> new OutType(maria ? "datetime(" + (n == null ? 6 : n) + ")" : "DATETIME", OutType.Kind.TEXT,
                    "(%s AT TIME ZONE 'UTC')::text", null);
            case "time without time zone" -> OutType.asText(maria ? "time(" + (n == null ? 6 : n) + ")" : "TIME");
            case "uuid" -> OutType.asText(maria ? "char(36)" : "UUID");
            case "json", "jsonb" -> OutType.asText(maria ? "json" : "TEXT");
            case "interval" -> throw new Refused("an interval");
            case "time with time zone" -> throw new Refused("a time of day with a time zone");
            case "point", "line", "lseg", "box", "path", "polygon", "circle" -> throw new Refused("a geometric type");
            default -> throw new Refused("a type " + (maria ? "MariaDB" : "SQLite") + " has no counterpart for");
        };
    }

    private static OutType text(Integer n, boolean maria, boolean inKey) {
        if (!maria) {
            return OutType.asText(n == null ? "TEXT" : "VARCHAR(" + n + ")");
        }
        if (inKey && (n == null || n > KEY_CHARACTERS)) {
            return OutType.asText("varchar(" + KEY_CHARACTERS + ")");
        }
        return OutType.asText(n == null || n > MAX_VARCHAR ? "longtext" : "varchar(" + n + ")");
    }

    /** MariaDB's CHAR holds 255 characters; PostgreSQL's pads with spaces as both targets' do on the way in. */
    private static OutType character(int n, boolean maria) {
        // read as it is, not through ::text, which would drop the padding
        return OutType.of(maria ? (n <= 255 ? "char(" + n + ")" : "varchar(" + n + ")") : "CHAR(" + n + ")", OutType.Kind.TEXT);
    }

    private static OutType numeric(Integer precision, Integer scale, OutTarget target, NumericDigits unbounded) throws Refused {
        if (target == OutTarget.SQLITE) {
            // NUMERIC affinity keeps 15 significant digits of a value it turns into a float: wider numbers stay text, every digit kept
            return OutType.asText(precision == null || precision > SQLITE_EXACT_DIGITS ? "TEXT" : "NUMERIC(" + precision + "," + (scale == null ? 0 : scale) + ")");
        }
        if (precision == null) {
            // no declared precision: MariaDB needs one, and the values decide whether DECIMAL(65,30) holds them all
            if (unbounded == null || unbounded.notANumber() || unbounded.scale() > MAX_SCALE || unbounded.integerDigits() > MAX_PRECISION - MAX_SCALE) {
                throw new Refused("numeric without a precision, whose values" + (unbounded == null ? "" : " (" + unbounded + ")")
                        + " DECIMAL(" + MAX_PRECISION + "," + MAX_SCALE + ") cannot hold");
            }
            return OutType.asText("decimal(" + MAX_PRECISION + "," + MAX_SCALE + ")");
        }
        int s = scale == null ? 0 : scale;
        if (precision > MAX_PRECISION || s > MAX_SCALE || s < 0 || s > precision) {
            throw new Refused("beyond MariaDB's DECIMAL (at most " + MAX_PRECISION + " digits, " + MAX_SCALE
                    + " after the point)");
        }
        return OutType.asText("decimal(" + precision + "," + s + ")");
    }

    private static OutType enumType(PgColumn c, OutTarget target) {
        String labels = String.join(",", c.labels().stream().map(l -> literal(l, target)).toList());
        if (target == OutTarget.MARIADB) {
            return OutType.asText("enum(" + labels + ")");
        }
        return new OutType("TEXT", OutType.Kind.TEXT, "%s::text", "%s IN (" + labels + ")");
    }

    /** A string literal in the target's SQL: MariaDB reads a backslash as an escape (its default sql_mode), SQLite does not. */
    static String literal(String text, OutTarget target) {
        String quoted = text.replace("'", "''");
        return "'" + (target == OutTarget.MARIADB ? quoted.replace("\\", "\\\\") : quoted) + "'";
    }

    /**
     * The widest value of a numeric column without precision.
     *
     * @param integerDigits digits before the point
     * @param scale         digits after it
     */
    public record NumericDigits(int integerDigits, int scale, boolean notANumber) {
        @Override
        public String toString() {
            return notANumber ? "NaN among them" : "up to " + integerDigits + " digits before the point and " + scale + " after it";
        }
    }
}
