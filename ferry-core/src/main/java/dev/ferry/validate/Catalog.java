package dev.ferry.validate;

import dev.ferry.spi.Dialect;
import dev.ferry.spi.TableStats;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tables and columns a check names, looked up in the live database before any SQL is built from
 * them, so that a misspelt name is a failed check that says so, not a driver's error. Names match as
 * written, else ignoring case (as an unquoted identifier would); an unqualified table is looked for
 * in the session's schema first.
 */
final class Catalog {
    private final Dialect dialect;
    private final Connection connection;
    private final Map<String, List<String>> columns = new HashMap<>();
    private List<TableStats> tables;
    private String currentSchema;

    Catalog(Dialect dialect, Connection connection) {
        this.dialect = dialect;
        this.connection = connection;
    }

    TableStats table(TableRef ref) throws SQLException, CheckProblem {
        if (tables == null) {
            tables = dialect.tables(connection);
            currentSchema = dialect.currentSchema(connection);
        }
        List<TableStats> found = match(ref, false);
        if (found.isEmpty()) {
            found = match(ref, true);
        }
        if (found.size() > 1 && ref.schema() == null) {
            List<TableStats> own = found.stream().filter(t -> t.schema() != null && t.schema().equals(currentSchema)).toList();
            found = own.isEmpty() ? found : own;
        }
        if (found.isEmpty()) {
            throw new CheckProblem("table " + ref + " does not exist" + (ref.schema() == null && currentSchema != null ? " in schema " + currentSchema : ""));
        }
        if (found.size() > 1) {
            throw new CheckProblem("table " + ref + " is ambiguous: " + String.join(", ", found.stream().map(TableStats::qualifiedName).toList())
                    + "; name it with its schema");
        }
        return found.get(0);
    }

    private List<TableStats> match(TableRef ref, boolean ignoreCase) {
        return tables.stream().filter(t -> same(t.name(), ref.name(), ignoreCase)
                && (ref.schema() == null || (t.schema() != null && same(t.schema(), ref.schema(), ignoreCase)))).toList();
    }

    private static boolean same(String stored, String written, boolean ignoreCase) {
        return ignoreCase ? stored.toLowerCase(Locale.ROOT).equals(written.toLowerCase(Locale.ROOT)) : stored.equals(written);
    }

    /** The column as stored, or a problem naming the columns there are. */
    String column(TableStats table, String name) throws SQLException, CheckProblem {
        List<String> names = columns(table);
        if (names.contains(name)) {
            return name;
        }
        List<String> folded = names.stream().filter(n -> same(n, name, true)).toList();
        if (folded.size() == 1) {
            return folded.get(0);
        }
        throw new CheckProblem("column " + table.qualifiedName() + "." + name + " does not exist (its columns: " + String.join(", ", names) + ")");
    }

    boolean hasColumn(TableStats table, String name) throws SQLException {
        return columns(table).stream().anyMatch(n -> same(n, name, true));
    }

    /** The columns of a table, from an empty query's metadata: one way for every database. */
    List<String> columns(TableStats table) throws SQLException {
        List<String> known = columns.get(table.qualifiedName());
        if (known != null) {
            return known;
        }
        List<String> names = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("select * from " + dialect.qualify(table) + " where 1 = 0")) {
            ResultSetMetaData meta = r.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnName(i));
            }
        }
        columns.put(table.qualifiedName(), names);
        return names;
    }
}
