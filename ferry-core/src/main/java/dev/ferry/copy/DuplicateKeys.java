package dev.ferry.copy;

import dev.ferry.copy.cross.PostgresTarget;
import dev.ferry.copy.cross.PostgresTargetSchema;
import dev.ferry.copy.cross.RowLoad;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A mapping's {@code unique:} keys. {@code onDuplicate: first} loads the first source row of each key;
 * {@code quarantine} also puts the others in {@code ferry_quarantine.<table>}, with the target's columns
 * (their types, none of their constraints, so every such row fits) and {@code ferry_reason}, for
 * someone to decide about later. Both loads number the rows within their key in one query.
 */
final class DuplicateKeys {
    static final String SCHEMA = "ferry_quarantine";
    static final String REASON = "ferry_reason";

    private DuplicateKeys() {
    }

    /**
     * The SELECT of the rows of {@code t} with their number within the unique key (1 for the first,
     * by the mapped columns in the file's order); rows with a NULL in the key are all first, as a
     * unique key lets them be.
     */
    static String numbered(String base, MappingFile.Target t) {
        List<String> expressions = new ArrayList<>(t.filled().values());
        List<String> aliased = new ArrayList<>();
        for (int i = 0; i < expressions.size(); i++) {
            aliased.add("(" + expressions.get(i) + ") AS ferry_c" + (i + 1));
        }
        List<String> keys = t.unique().stream().map(c -> "(" + t.filled().get(c) + ")").toList();
        List<String> nullKey = keys.stream().map(k -> k + " IS NULL").toList();
        String where = t.where() == null ? "" : " WHERE " + t.where();
        return "SELECT " + String.join(", ", aliased) + ", CASE WHEN " + String.join(" OR ", nullKey) + " THEN 1 ELSE ROW_NUMBER() OVER (PARTITION BY "
                + String.join(", ", keys) + " ORDER BY " + String.join(", ", expressions.stream().map(e -> "(" + e + ")").toList())
                + ") END AS ferry_n FROM " + base + where;
    }

    /** The rows kept: the first of each key. */
    static String kept(String base, MappingFile.Target t) {
        return "SELECT " + outer(t) + " FROM (" + numbered(base, t) + ") ferry_d WHERE ferry_n = 1";
    }

    /** The rows set aside, each with the reason as a literal of the source's SQL. */
    static RowLoad.Query duplicates(String base, MappingFile.Target t, String keptIn) {
        String reason = String.join(", ", t.unique()) + " repeats a row kept in " + keptIn + " (the first of each, ordered by "
                + String.join(", ", t.filled().keySet()) + ")";
        String select = "SELECT " + outer(t) + ", '" + reason.replace("'", "''") + "' FROM (" + numbered(base, t) + ") ferry_d WHERE ferry_n > 1";
        List<String> columns = new ArrayList<>(t.filled().values());
        columns.add(REASON);
        return new RowLoad.Query(select, t.fromQuery() ? "the query of " + t.name() : t.from(), columns);
    }

    /** Where the duplicates of {@code target} go: its filled columns, then the reason. */
    static List<String> columns(MappingFile.Target t) {
        List<String> columns = new ArrayList<>(t.filled().keySet());
        columns.add(REASON);
        return columns;
    }

    /** CREATE TABLE for the duplicates of {@code schema.table}: its filled columns with their types, no constraints. */
    static List<String> create(Connection target, String schema, String table, MappingFile.Target t) throws SQLException {
        Map<String, PostgresTarget.TargetColumn> types = PostgresTarget.columns(target, schema, table);
        List<String> lines = new ArrayList<>();
        for (String c : t.filled().keySet()) {
            lines.add(PostgresTargetSchema.q(c) + " " + types.get(c).type());
        }
        lines.add(PostgresTargetSchema.q(REASON) + " text NOT NULL");
        return List.of("CREATE SCHEMA IF NOT EXISTS " + PostgresTargetSchema.q(SCHEMA),
                "DROP TABLE IF EXISTS " + PostgresTargetSchema.table(SCHEMA, table),
                "CREATE TABLE " + PostgresTargetSchema.table(SCHEMA, table) + " (\n    " + String.join(",\n    ", lines) + "\n)");
    }

    private static String outer(MappingFile.Target t) {
        List<String> outer = new ArrayList<>();
        for (int i = 0; i < t.filled().size(); i++) {
            outer.add("ferry_c" + (i + 1));
        }
        return String.join(", ", outer);
    }
}
