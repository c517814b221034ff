package dev.ferry.copy.out;

import java.util.Locale;

/**
 * A PostgreSQL column default in MariaDB's or SQLite's SQL, where it is a literal or the current
 * time; null for everything else (an expression in PostgreSQL's SQL, a function of its own), which
 * the copy then leaves out and names in its notes.
 */
final class OutDefaults {
    private static final String NUMBER = "[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?";

    private OutDefaults() {
    }

    static String of(String pgDefault, OutType type, OutTarget target) {
        if (pgDefault == null) {
            return null;
        }
        String d = withoutCasts(pgDefault.strip());
        String lower = d.toLowerCase(Locale.ROOT);
        if (lower.equals("null")) {
            return null;
        }
        if (lower.matches("now\\(\\)|current_timestamp(\\(\\d*\\))?|localtimestamp(\\(\\d*\\))?|statement_timestamp\\(\\)|transaction_timestamp\\(\\)")) {
            return currentTime(pgDefault, type, target);
        }
        if (type.kind() == OutType.Kind.BOOLEAN) {
            return switch (lower) {
                case "true", "'true'", "'t'" -> "1";
                case "false", "'false'", "'f'" -> "0";
                default -> null;
            };
        }
        boolean quoted = d.length() >= 2 && d.startsWith("'") && d.endsWith("'") && !d.substring(1, d.length() - 1).replace("''", "").contains("'");
        String value = quoted ? d.substring(1, d.length() - 1).replace("''", "'") : d;
        if (type.kind() == OutType.Kind.INTEGER || type.kind() == OutType.Kind.REAL || type.sqlType().matches("(?i)decimal.*|numeric.*")) {
            return value.matches(NUMBER) ? value : null;
        }
        if (!quoted || type.kind() == OutType.Kind.BYTES || type.select().contains("AT TIME ZONE")) {
            return null; // expressions; bytea's escapes; timestamptz literals, which carry an offset the UTC column would have to apply
        }
        return OutTypes.literal(value, target);
    }

    /** The current time, where the target has it for this column: MariaDB's DATETIME(p) in the session's zone, so not for a UTC timestamptz. */
    private static String currentTime(String pgDefault, OutType type, OutTarget target) {
        if (!type.sqlType().toLowerCase(Locale.ROOT).startsWith("datetime")) {
            return null;
        }
        if (target == OutTarget.SQLITE) {
            return "CURRENT_TIMESTAMP"; // SQLite's is UTC, as a timestamptz copied here is
        }
        if (type.select().contains("AT TIME ZONE")) {
            return null;
        }
        String precision = type.sqlType().replaceAll("(?i)datetime", "");
        return "CURRENT_TIMESTAMP" + (precision.isEmpty() ? "" : precision);
    }

    /** {@code 'a'::character varying}, {@code ('-1'::integer)} → {@code 'a'}, {@code '-1'}. */
    private static String withoutCasts(String d) {
        String s = d;
        while (true) {
            String before = s;
            if (s.startsWith("(") && s.endsWith(")")) {
                s = s.substring(1, s.length() - 1).strip();
            }
            s = s.replaceFirst("::[a-zA-Z_\" ]+(\\(\\d+(,\\d+)?\\))?(\\[\\])?$", "").strip();
            if (s.equals(before)) {
                return s;
            }
        }
    }
}
