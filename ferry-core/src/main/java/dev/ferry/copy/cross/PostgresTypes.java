package dev.ferry.copy.cross;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL column type for a MariaDB/MySQL or SQLite column, so that every value the source
 * can hold fits: unsigned integers get the next wider type, {@code tinyint(1)} (MySQL's boolean) is
 * boolean, DATETIME is timestamp and TIMESTAMP (stored in UTC) timestamptz, blobs bytea, JSON jsonb.
 * <p>
 * ENUM becomes text with a CHECK of its values rather than a PostgreSQL enum type: the values stay
 * comparable as text (the order a MariaDB enum sorts by is its declaration order, which a CHECK does
 * not pretend to keep either), no type has to be created and named per column, and adding a value
 * later is a one-line constraint change, not {@code ALTER TYPE}. SET becomes text[] of its members.
 * <p>
 * SQLite: the declared type's affinity, by SQLite's own rules (INT → integer, CHAR/CLOB/TEXT → text,
 * BLOB or none → bytea/text, REAL/FLOA/DOUB → double precision, else NUMERIC), with the common
 * declared names (BOOLEAN, DATE, DATETIME, NUMERIC(p,s)) kept. Lengths (NVARCHAR(40)) become text,
 * since SQLite never enforced them and longer values are legal there. {@code tinyint(1)} values other than
 * 0 and 1 become true, as MySQL's own conditions read them. A value that does not fit its
 * column's PostgreSQL type (text in an INTEGER column) stops the copy, naming the table, column and
 * value: PostgreSQL would need that column to be text, which only the person who owns the data can decide.
 */
public final class PostgresTypes {
    /** The PostgreSQL type, and a CHECK that keeps the source's constraint on the values (enum), with %s for the quoted column; null when none. */
    public record Mapped(String type, String check) {
    }

    private static final Pattern NAME_AND_ARGS = Pattern.compile("^\\s*([a-zA-Z]+)\\s*(?:\\((.*)\\))?\\s*(.*)$", Pattern.DOTALL);

    private PostgresTypes() {
    }

    /** A MariaDB/MySQL COLUMN_TYPE ({@code int(10) unsigned}, {@code enum('a','b')}, with CHARACTER SET … perhaps) as PostgreSQL's type. */
    public static Mapped fromMySql(String columnType, boolean json) {
        String type = columnType.replaceAll("(?i)\\s+(CHARACTER SET|COLLATE|ON UPDATE)\\s.*$", "").strip();
        Matcher m = NAME_AND_ARGS.matcher(type);
        if (!m.matches()) {
            throw unsupported(columnType);
        }
        String name = m.group(1).toLowerCase(Locale.ROOT).strip();
        String args = m.group(2);
        boolean unsigned = m.group(3).toLowerCase(Locale.ROOT).contains("unsigned");
        if (json) {
            return plain("jsonb");
        }
        return switch (name) {
            case "tinyint" -> plain("1".equals(args) && !unsigned ? "boolean" : "smallint");
            case "smallint" -> plain(unsigned ? "integer" : "smallint");
            case "mediumint" -> plain("integer");
            case "int", "integer" -> plain(unsigned ? "bigint" : "integer");
            case "bigint" -> plain(unsigned ? "numeric(20)" : "bigint");
            case "decimal", "numeric", "dec", "fixed" -> plain(args == null ? "numeric" : "numeric(" + args.replace(" ", "") + ")");
            case "float" -> plain("real");
            case "double", "double precision", "real" -> plain("double precision");
            case "bit" -> plain(args == null || "1".equals(args) ? "boolean" : "bigint");
            case "bool", "boolean" -> plain("boolean");
            case "char", "nchar", "national char" -> plain(args == null ? "character(1)" : "character(" + args + ")");
            case "varchar", "nvarchar", "national varchar", "character varying" -> plain("character varying(" + args + ")");
            case "tinytext", "text", "mediumtext", "longtext" -> plain("text");
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> plain("bytea");
            case "date" -> plain("date");
            case "datetime" -> plain("timestamp" + precision(args) + " without time zone");
            case "timestamp" -> plain("timestamp" + precision(args) + " with time zone");
            case "time" -> plain("time" + precision(args) + " without time zone");
            case "year" -> plain("smallint");
            case "json" -> plain("jsonb");
            case "enum" -> new Mapped("text", "%s IN (" + String.join(", ", values(args)) + ")");
            case "set" -> plain("text[]");
            case "uuid" -> plain("uuid");
            default -> throw unsupported(columnType);
        };
    }

    /** An SQLite declared type ("NVARCHAR(40)", "INTEGER", "", "NUMERIC(10,2)") as PostgreSQL's type, by its affinity. */
    public static Mapped fromSqlite(String declaredType) {
        String type = declaredType.replaceAll("(?i)\\s+COLLATE\\s.*$", "").strip();
        String upper = type.toUpperCase(Locale.ROOT);
        Matcher m = NAME_AND_ARGS.matcher(type);
        String name = m.matches() ? m.group(1).toUpperCase(Locale.ROOT).strip() : upper;
        String args = m.matches() ? m.group(2) : null;
        if (upper.contains("INT")) {
            // SQLite integers are 64-bit whatever the declared name; INT and INTEGER hold what bigint holds
            return plain(name.equals("SMALLINT") || name.equals("TINYINT") ? "smallint" : "bigint");
        }
        if (upper.contains("CHAR") || upper.contains("CLOB") || upper.contains("TEXT")) {
            return plain("text");
        }
        if (upper.isEmpty()) {
            return plain("text"); // no declared type, no affinity: whatever is stored, as text (blobs refuse)
        }
        if (upper.contains("BLOB")) {
            return plain("bytea");
        }
        if (upper.contains("REAL") || upper.contains("FLOA") || upper.contains("DOUB")) {
            return plain("double precision");
        }
        return switch (name) {
            case "BOOLEAN", "BOOL" -> plain("boolean");
            case "DATE" -> plain("date");
            case "DATETIME", "TIMESTAMP" -> plain("timestamp without time zone");
            case "TIME" -> plain("time without time zone");
            case "JSON" -> plain("jsonb");
            case "UUID" -> plain("uuid");
            case "DECIMAL", "NUMERIC" -> plain(args == null ? "numeric" : "numeric(" + args.replace(" ", "") + ")");
            default -> plain("numeric");
        };
    }

    /**
     * A source column's default as PostgreSQL's for {@code pgType}, when it is a plain literal or the
     * current time; null for expressions, which are the source's SQL (the column then has no default).
     */
    public static String defaultValue(String sourceDefault, String pgType) {
        if (sourceDefault == null) {
            return null;
        }
        String d = sourceDefault.strip();
        String lower = d.toLowerCase(Locale.ROOT);
        if (lower.equals("null")) {
            return null;
        }
        if (lower.matches("current_timestamp(\\(\\d*\\))?|now\\(\\)|localtimestamp(\\(\\))?")) {
            return pgType.startsWith("timestamp") ? "CURRENT_TIMESTAMP" : null;
        }
        boolean quoted = d.length() >= 2 && d.startsWith("'") && d.endsWith("'");
        String value = quoted ? d.substring(1, d.length() - 1).replace("''", "'") : d;
        if (pgType.equals("boolean")) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "0", "b'0'", "false" -> "false";
                case "1", "b'1'", "true" -> "true";
                default -> null;
            };
        }
        if (pgType.matches("smallint|integer|bigint|real|double precision|numeric.*")) {
            return value.matches("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?") ? value : null;
        }
        if (!quoted || PgBinaryValues.isZeroDate(value) || value.contains("\\")) {
            return null; // expressions, zero dates, and backslash escapes whose meaning is the source's
        }
        String literal = "'" + value.replace("'", "''") + "'";
        if (pgType.equals("text[]")) {
            return "'{" + value.replace("'", "''") + "}'";
        }
        return pgType.equals("bytea") || pgType.equals("jsonb") || pgType.startsWith("timestamp") || pgType.equals("date")
                || pgType.startsWith("time") ? literal + "::" + pgType : literal;
    }

    /** The quoted values of an enum or set's argument list ('a','b''c'), as SQL literals. */
    static List<String> values(String args) {
        List<String> values = new ArrayList<>();
        int i = 0;
        while (args != null && i < args.length()) {
            int start = args.indexOf('\'', i);
            if (start < 0) {
                break;
            }
            StringBuilder v = new StringBuilder();
            int j = start + 1;
            while (j < args.length()) {
                char c = args.charAt(j);
                if (c == '\'' && j + 1 < args.length() && args.charAt(j + 1) == '\'') {
                    v.append('\'');
                    j += 2;
                } else if (c == '\'') {
                    break;
                } else if (c == '\\' && j + 1 < args.length()) {
                    v.append(args.charAt(j + 1));
                    j += 2;
                } else {
                    v.append(c);
                    j++;
                }
            }
            values.add("'" + v.toString().replace("'", "''") + "'");
            i = j + 1;
        }
        return values;
    }

    private static String precision(String args) {
        return args == null || args.isBlank() || args.strip().equals("0") ? "" : "(" + args.strip() + ")";
    }

    private static Mapped plain(String type) {
        return new Mapped(type, null);
    }

    private static FerryException unsupported(String columnType) {
        return new FerryException(ErrorCode.UNSUPPORTED, "ferry copy has no PostgreSQL type for the source's " + columnType,
                "leave that table out with --tables, or create it on the target yourself and copy with --data-only", null);
    }
}
