package dev.ferry.spi;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL's {@code SET autocommit} in each spelling ({@code SET autocommit = 0},
 * {@code SET @@session.autocommit=OFF}, {@code SET LOCAL autocommit = 1}, one item of a SET list …),
 * in one place: the migration planner reads what it does to the transaction, and the MySQL dialect
 * counts it among the statements that commit implicitly.
 */
public final class Autocommit {
    private static final String TARGET =
            "(?i)set\\s+(?:.*?,\\s*)?(?:@@(?:session\\.|local\\.)?|session\\s+|local\\s+)?autocommit\\s*(?:=|:=|\\s+to\\s)\\s*";
    private static final Pattern ANY_VALUE = Pattern.compile(TARGET + ".*", Pattern.DOTALL);
    private static final Pattern LITERAL = Pattern.compile(TARGET + "(0|1|off|on|false|true)\\s*(?:,.*)?", Pattern.DOTALL);

    private Autocommit() {
    }

    /** Whether the statement (without comments) sets autocommit, to any value (also {@code @x}). */
    public static boolean isSet(String sql) {
        return ANY_VALUE.matcher(sql.strip()).matches();
    }

    /** The literal value the statement sets autocommit to; null when it sets none or sets an expression. */
    public static Boolean literal(String sql) {
        Matcher m = LITERAL.matcher(sql.strip());
        if (!m.matches()) {
            return null;
        }
        return switch (m.group(1).toLowerCase(Locale.ROOT)) {
            case "0", "off", "false" -> Boolean.FALSE;
            default -> Boolean.TRUE;
        };
    }
}
