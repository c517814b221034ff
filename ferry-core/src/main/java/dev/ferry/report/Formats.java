package dev.ferry.report;

import java.util.Locale;

/** Human forms of numbers for terminal output. */
public final class Formats {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};

    private Formats() {
    }

    /** 1536 -> "1.5 kB"; -1 (unknown) -> "?". Decimal units, as pg_size_pretty's readers expect magnitudes. */
    public static String bytes(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        double v = bytes;
        int unit = 0;
        while (v >= 1000 && unit < UNITS.length - 1) {
            v /= 1000;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, UNITS[unit]);
    }

    /** 3503 -> "3,503"; -1 (unknown) -> "?". */
    public static String count(long n) {
        return n < 0 ? "?" : String.format(Locale.ROOT, "%,d", n);
    }

    /** The first line of a (possibly multi-line) message, for one-line errors. */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    /** 1234 ms -> "1.23 s", 87 -> "87 ms". */
    public static String millis(long ms) {
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
    }
}
