package dev.ferry.schema;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which column type changes keep every value: only known widenings (integers to as many bits or
 * more, unsigned to a larger signed one, longer strings, more digits, larger text and blob kinds);
 * any other change may lose or reject data.
 */
public final class TypeChanges {
    /**
     * PostgreSQL types that hold more without their modifier than with any: varchar and numeric are
     * unbounded, timestamps, times and intervals take the full microseconds. Not MySQL's datetime,
     * time, timestamp or decimal (no modifier is precision 0), nor bit or character (length 1).
     */
    private static final Pattern UNBOUNDED_WITHOUT_MODIFIER = Pattern.compile(
            "character varying|bit varying|numeric|interval|(timestamp|time) with(out)? time zone");
    private static final Pattern LENGTH = Pattern.compile("^(.*)\\((\\d+)(?:,\\s*(\\d+))?\\)(.*)$");
    private static final Set<String> SAFE_WIDENINGS = Set.of(
            "smallint -> integer", "smallint -> bigint", "integer -> bigint", "real -> double precision",
            "tinyint -> smallint", "tinyint -> int", "tinyint -> bigint", "smallint -> int", "int -> bigint",
            "float -> double", "mediumint -> int", "mediumint -> bigint",
            "smallint -> numeric", "integer -> numeric", "bigint -> numeric");
    /** Decimal digits an integer type needs before the point, for a change to {@code numeric(p, s)}. */
    private static final Map<String, Integer> INTEGER_DIGITS = Map.of("smallint", 5, "integer", 10, "bigint", 19);
    /** MariaDB and MySQL integers with their display width and flags: {@code int(10) unsigned zerofill}. */
    private static final Pattern INTEGER = Pattern.compile("^(tinyint|smallint|mediumint|int|integer|bigint)(\\(\\d+\\))?( unsigned)?( zerofill)?$");
    private static final Map<String, Integer> BITS = Map.of("tinyint", 8, "smallint", 16, "mediumint", 24, "int", 32, "integer", 32, "bigint", 64);
    /** Each family from the smallest; a varchar or varbinary (at most 65,535 bytes) fits the second and larger. */
    private static final List<List<String>> LOBS = List.of(List.of("tinytext", "text", "mediumtext", "longtext"),
            List.of("tinyblob", "blob", "mediumblob", "longblob"));
    private static final Pattern VARIABLE = Pattern.compile("^(varchar|varbinary)\\(\\d+\\)(.*)$");
    private static final Pattern LOB = Pattern.compile("^(tinytext|text|mediumtext|longtext|tinyblob|blob|mediumblob|longblob)(.*)$");

    private TypeChanges() {
    }

    public static boolean narrows(String from, String to) {
        String a = from.toLowerCase(java.util.Locale.ROOT);
        String b = to.toLowerCase(java.util.Locale.ROOT);
        if (LOB.matcher(b).matches() && (LOB.matcher(a).matches() || VARIABLE.matcher(a).matches())) {
            return !lobWidens(a, b); // MariaDB's text holds 64 KB: mediumtext -> text narrows
        }
        if (b.equals("text") || b.equals("longtext") || SAFE_WIDENINGS.contains(a + " -> " + b)) {
            return false;
        }
        Matcher ia = INTEGER.matcher(a);
        Matcher ib = INTEGER.matcher(b);
        if (ia.matches() && ib.matches()) {
            return !integerWidens(ia, ib);
        }
        Matcher x = LENGTH.matcher(a);
        Matcher y = LENGTH.matcher(b);
        if (x.matches() && !y.matches() && b.equals(x.group(1) + x.group(4)) && UNBOUNDED_WITHOUT_MODIFIER.matcher(b).matches()) {
            // the same type without a limit: character varying(40) -> character varying, numeric(10,2) -> numeric
            return false;
        }
        if (y.matches() && y.group(1).equals("numeric") && INTEGER_DIGITS.containsKey(a)) {
            int scale = y.group(3) == null ? 0 : Integer.parseInt(y.group(3));
            return Integer.parseInt(y.group(2)) - scale < INTEGER_DIGITS.get(a);
        }
        if (x.matches() && y.matches() && x.group(1).equals(y.group(1)) && x.group(4).equals(y.group(4))) {
            boolean shorter = Integer.parseInt(y.group(2)) < Integer.parseInt(x.group(2));
            boolean fewerDecimals = x.group(3) != null && y.group(3) != null && Integer.parseInt(y.group(3)) < Integer.parseInt(x.group(3));
            boolean fewerIntegerDigits = x.group(3) != null && y.group(3) != null
                    && Integer.parseInt(y.group(2)) - Integer.parseInt(y.group(3)) < Integer.parseInt(x.group(2)) - Integer.parseInt(x.group(3));
            return shorter || fewerDecimals || fewerIntegerDigits;
        }
        return true;
    }

    /** Every value of the one fits the other: as many bits with the same sign, or more bits from unsigned to signed. */
    private static boolean integerWidens(Matcher from, Matcher to) {
        int a = BITS.get(from.group(1));
        int b = BITS.get(to.group(1));
        boolean unsignedA = from.group(3) != null || from.group(4) != null; // ZEROFILL implies UNSIGNED
        boolean unsignedB = to.group(3) != null || to.group(4) != null;
        if (unsignedA == unsignedB) {
            return b >= a;
        }
        return unsignedA && b > a;
    }

    /** tinytext -> text -> mediumtext -> longtext (and blobs), varchar and varbinary to text or blob, in the same character set. */
    private static boolean lobWidens(String from, String to) {
        Matcher y = LOB.matcher(to);
        if (!y.matches()) {
            return false;
        }
        Matcher v = VARIABLE.matcher(from);
        if (v.matches()) {
            int family = v.group(1).equals("varchar") ? 0 : 1;
            return LOBS.get(family).indexOf(y.group(1)) >= 1 && v.group(2).equals(y.group(2));
        }
        Matcher x = LOB.matcher(from);
        if (!x.matches() || !x.group(2).equals(y.group(2))) {
            return false;
        }
        return LOBS.stream().anyMatch(f -> f.contains(x.group(1)) && f.contains(y.group(1)) && f.indexOf(y.group(1)) >= f.indexOf(x.group(1)));
    }
}
