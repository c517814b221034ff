package dev.ferry.migrate;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A migration version as Flyway writes it: dot- or underscore-separated numbers ({@code 1},
 * {@code 1.1}, {@code 2024.01.05}, {@code 1_1}), compared part by part as numbers, so 1.10 comes
 * after 1.9 and 1.0 equals 1. A Prisma timestamp ({@code 20240101120000}) is one large part.
 */
public final class MigrationVersion implements Comparable<MigrationVersion> {
    private static final Pattern FORM = Pattern.compile("\\d+([._]\\d+)*");

    private final List<BigInteger> parts;
    private final String text;

    private MigrationVersion(List<BigInteger> parts, String text) {
        this.parts = parts;
        this.text = text;
    }

    public static MigrationVersion parse(String text) {
        if (text == null || !FORM.matcher(text).matches()) {
            throw new FerryException(ErrorCode.USAGE, "'" + text + "' is not a migration version",
                    "write versions as numbers separated by dots, such as 1, 1.1 or 2024.01.05");
        }
        List<BigInteger> parts = new ArrayList<>();
        for (String p : text.split("[._]")) {
            parts.add(new BigInteger(p));
        }
        while (parts.size() > 1 && parts.get(parts.size() - 1).signum() == 0) {
            parts.remove(parts.size() - 1);
        }
        return new MigrationVersion(List.copyOf(parts), text.replace('_', '.'));
    }

    public static boolean isVersion(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    @Override
    public int compareTo(MigrationVersion o) {
        for (int i = 0; i < Math.max(parts.size(), o.parts.size()); i++) {
            BigInteger a = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
            BigInteger b = i < o.parts.size() ? o.parts.get(i) : BigInteger.ZERO;
            int c = a.compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MigrationVersion v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    /** As written in the file name, with underscores shown as dots: "1.1". */
    @Override
    public String toString() {
        return text;
    }
}
