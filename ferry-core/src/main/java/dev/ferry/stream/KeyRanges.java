package dev.ferry.stream;

import dev.ferry.spi.Dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Splits a large table into ranges of its integer key, so that several sessions stream one table
 * at once and every core works even when one table holds most of the rows. Ranges are of equal
 * width between the key's lowest and highest value in the snapshot; the first is open below and the
 * last above, so together they hold every row exactly once.
 */
public final class KeyRanges {
    private KeyRanges() {
    }

    /** {@code table} as {@code parts} ranges of {@code key} (an integer column, quoted as the dialect quotes), or whole when it is small or empty. */
    public static List<TableRef> split(Connection c, Dialect dialect, TableRef table, String key, int parts) throws SQLException {
        if (parts < 2) {
            return List.of(table);
        }
        String k = dialect.quoteIdentifier(key);
        String qualified = (table.schema() == null ? "" : dialect.quoteIdentifier(table.schema()) + ".") + dialect.quoteIdentifier(table.name());
        long min;
        long max;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT MIN(" + k + "), MAX(" + k + ") FROM " + qualified)) {
            r.next();
            if (r.getObject(1) == null) {
                return List.of(table);
            }
            min = r.getLong(1);
            max = r.getLong(2);
        }
        if (max - min < 0 || max > Long.MAX_VALUE / 2 || min < Long.MIN_VALUE / 2) {
            return List.of(table); // keys near the ends of the long range: widths would overflow, read it whole
        }
        long width = Math.max(1, (max - min) / parts + 1);
        List<TableRef> ranges = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            long from = min + i * width;
            if (i > 0 && from > max) {
                break;
            }
            String lower = i == 0 ? null : k + " >= " + from;
            String upper = i == parts - 1 || from + width > max ? null : k + " < " + (from + width);
            String where = lower == null ? upper : upper == null ? lower : lower + " AND " + upper;
            ranges.add(new TableRef(table.schema(), table.name(), table.columns(), where == null ? "TRUE" : where));
            if (upper == null) {
                break;
            }
        }
        return ranges;
    }

    /** The counts of ranges added up per table (by qualified name). */
    public static Map<String, StreamCount> perTable(Map<TableRef, StreamCount> counts) {
        return counts.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().qualifiedName(), Map.Entry::getValue, StreamCount::plus));
    }

}
