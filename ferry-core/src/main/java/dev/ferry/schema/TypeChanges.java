package dev.ferry.schema;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which column type changes keep every value: only known widenings; any other change may lose or reject data. */
public final class TypeChanges {
    private static final Pattern LENGTH = Pattern.compile("^(.*)\\((\\d+)(?:,\\s*(\\d+))?\\)(.*)$");
    private static final Set<String> SAFE_WIDENINGS = Set.of(
            "smallint -> integer", "smallint -> bigint", "integer -> bigint", "real -> double precision",
            "tinyint -> smallint", "tinyint -> int", "tinyint -> bigint", "smallint -> int", "int -> bigint",
            "float -> double", "mediumint -> int", "mediumint -> bigint",
            "smallint -> numeric", "integer -> numeric", "bigint -> numeric");
    /** Decimal digits an integer type needs before the point, for a change to {@code numeric(p, s)}. */
    private static final java.util.Map<String, Integer> INTEGER_DIGITS = java.util.Map.of("smallint", 5, "integer", 10, "bigint", 19);

    private TypeChanges() {
    }

    public static boolean narrows(String from, String to) {
        String a = from.toLowerCase(java.util.Locale.ROOT);
        String b = to.toLowerCase(java.util.Locale.ROOT);
        if (b.equals("text") || b.equals("longtext") || SAFE_WIDENINGS.contains(a + " -> " + b)) {
            return false;
        }
        Matcher x = LENGTH.matcher(a);
        Matcher y = LENGTH.matcher(b);
        if (x.matches() && !y.matches() && b.equals(x.group(1) + x.group(4))) {
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
}
