package dev.ferry.stream;

import dev.ferry.schema.model.Column;
import dev.ferry.schema.model.SchemaModel;
import dev.ferry.schema.model.Table;
import dev.ferry.spi.Dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The streams a set of tables is moved as: every table that holds rows itself (a partitioned parent
 * holds none), each in key ranges when it is large enough to share among the sessions, so that
 * every core works even when one table holds most of the rows.
 */
public final class TableParts {
    /** Tables estimated to hold at least this many rows are read in key ranges, by several sessions at once. */
    private static final long RANGE_ROWS = 500_000;
    private static final Pattern SINGLE_KEY = Pattern.compile("PRIMARY KEY \\((\"[^\"]+\"|`[^`]+`|[^,\"`()]+)\\)");
    /** PostgreSQL's integer types, and MariaDB's as it writes them ("int(11)", "bigint(20) unsigned"). */
    private static final Pattern INTEGER = Pattern.compile("(smallint|integer|bigint|int[248]?|mediumint|int)(\\(\\d+\\))?( unsigned)?");

    private TableParts() {
    }

    /** The parts of {@code model}'s tables, ordered by table, read in the snapshot of {@code c}; {@code jobs} sessions will share them. */
    public static List<TableRef> of(Connection c, Dialect dialect, SchemaModel model, int jobs) throws SQLException {
        Map<String, Long> estimates = new HashMap<>();
        dialect.tables(c).forEach(t -> estimates.put(t.qualifiedName(), t.estimatedRows()));
        List<TableRef> parts = new ArrayList<>();
        for (Table t : withRows(model)) {
            TableRef whole = whole(t);
            String key = integerKey(t);
            boolean large = estimates.getOrDefault(whole.qualifiedName(), 0L) >= RANGE_ROWS;
            parts.addAll(key != null && large && jobs > 1 ? KeyRanges.split(c, dialect, whole, key, jobs * 2) : List.of(whole));
        }
        return parts;
    }

    /** The rows the server estimates {@code model}'s tables hold (0 where it has no estimate): what a progress line counts towards. */
    public static long estimatedRows(Connection c, Dialect dialect, SchemaModel model) throws SQLException {
        Map<String, Long> estimates = new HashMap<>();
        dialect.tables(c).forEach(t -> estimates.put(t.qualifiedName(), Math.max(0, t.estimatedRows())));
        return withRows(model).stream().mapToLong(t -> estimates.getOrDefault(whole(t).qualifiedName(), 0L)).sum();
    }

    /** The tables that hold rows themselves (a partitioned parent holds none), in name order: what a backup's manifest lists. */
    public static List<Table> withRows(SchemaModel model) {
        return model.tables().stream().filter(t -> t.partitioning() == null || t.partitioning().strategy() == null)
                .sorted(Comparator.comparing(Table::key)).toList();
    }

    /** The table as one stream of its columns, generated ones left out (the server computes them again). */
    public static TableRef whole(Table t) {
        return new TableRef(t.schema(), t.name(), t.columns().stream().filter(col -> col.generated() == null).map(Column::name).toList());
    }

    /** The column of a one-column primary key of an integer type, which key ranges can split; null when there is none. */
    static String integerKey(Table t) {
        return t.constraints().stream().filter(c -> c.kind().equals("PRIMARY KEY")).findFirst()
                .map(c -> SINGLE_KEY.matcher(c.definition())).filter(Matcher::matches).map(m -> m.group(1).replaceAll("^[\"`]|[\"`]$", ""))
                .filter(name -> t.column(name).map(col -> INTEGER.matcher(col.type()).matches()).orElse(false)).orElse(null);
    }
}
