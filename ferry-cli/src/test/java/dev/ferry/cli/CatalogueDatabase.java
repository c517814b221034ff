package dev.ferry.cli;

import dev.ferry.testkit.TestMariaDb;
import dev.ferry.testkit.TestPostgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * A fresh database for one catalogue row, and a fingerprint of everything in it — every table and
 * view with its columns and indexes, and every row — to prove a refused command changed nothing.
 */
record CatalogueDatabase(String kind, String name, String url, Path sqliteFile) {
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("pg_catalog", "information_schema", "pg_toast");

    static CatalogueDatabase create(String kind, Path dir, String prefix) {
        return switch (kind) {
            case "postgres" -> {
                String name = TestPostgres.createDatabase(prefix);
                yield new CatalogueDatabase(kind, name, TestPostgres.url(name), null);
            }
            case "mariadb" -> {
                String name = TestMariaDb.createDatabase(prefix);
                yield new CatalogueDatabase(kind, name, TestMariaDb.url(name), null);
            }
            case "sqlite" -> {
                Path file = dir.resolve(prefix + ".db");
                yield new CatalogueDatabase(kind, prefix, "sqlite:" + file, file);
            }
            case "none" -> new CatalogueDatabase(kind, "", "", null);
            default -> throw new IllegalArgumentException("unknown catalogue db '" + kind + "'");
        };
    }

    Connection connect() throws SQLException {
        return switch (kind) {
            case "postgres" -> TestPostgres.connect(name);
            case "mariadb" -> TestMariaDb.connect(name);
            case "sqlite" -> DriverManager.getConnection("jdbc:sqlite:" + sqliteFile);
            default -> throw new IllegalStateException("row has no database");
        };
    }

    void run(List<String> statements) throws SQLException {
        if (statements == null || statements.isEmpty()) {
            return;
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Everything in the database; without Ferry's history table when {@code ignoreHistory}. */
    String fingerprint(boolean ignoreHistory) throws SQLException {
        if (kind.equals("none")) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        try (Connection c = connect()) {
            DatabaseMetaData meta = c.getMetaData();
            for (String[] table : tables(meta)) {
                if (ignoreHistory && (table[1].equals("ferry_history") || table[1].equals("ferry_data_history"))) {
                    continue;
                }
                out.append(table[0]).append('.').append(table[1]).append(' ').append(table[2]).append('\n');
                appendColumns(meta, table, out);
                appendIndexes(meta, table, out);
                if (!table[2].equals("VIEW")) {
                    appendRows(c, table, out);
                }
            }
        }
        return out.toString();
    }

    private List<String[]> tables(DatabaseMetaData meta) throws SQLException {
        List<String[]> tables = new ArrayList<>();
        String catalog = kind.equals("mariadb") ? name : null;
        try (ResultSet rs = meta.getTables(catalog, null, "%", new String[] {"TABLE", "VIEW", "PARTITIONED TABLE", "MATERIALIZED VIEW"})) {
            while (rs.next()) {
                String schema = kind.equals("mariadb") ? rs.getString("TABLE_CAT") : rs.getString("TABLE_SCHEM");
                if (schema == null || !SYSTEM_SCHEMAS.contains(schema)) {
                    tables.add(new String[] {schema, rs.getString("TABLE_NAME"), rs.getString("TABLE_TYPE")});
                }
            }
        }
        tables.sort((a, b) -> (a[0] + "." + a[1]).compareTo(b[0] + "." + b[1]));
        return tables;
    }

    private String catalog(String[] table) {
        return kind.equals("mariadb") ? table[0] : null;
    }

    private String schema(String[] table) {
        return kind.equals("mariadb") ? null : table[0];
    }

    private void appendColumns(DatabaseMetaData meta, String[] table, StringBuilder out) throws SQLException {
        try (ResultSet rs = meta.getColumns(catalog(table), schema(table), table[1], "%")) {
            while (rs.next()) {
                out.append("  ").append(rs.getString("COLUMN_NAME")).append(' ').append(rs.getString("TYPE_NAME"))
                        .append(rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls ? " not null" : "")
                        .append(" default ").append(rs.getString("COLUMN_DEF")).append('\n');
            }
        }
    }

    private void appendIndexes(DatabaseMetaData meta, String[] table, StringBuilder out) throws SQLException {
        if (table[2].equals("VIEW")) {
            return;
        }
        List<String> indexes = new ArrayList<>();
        try (ResultSet rs = meta.getIndexInfo(catalog(table), schema(table), table[1], false, true)) {
            while (rs.next()) {
                if (rs.getString("INDEX_NAME") != null) {
                    indexes.add("  index " + rs.getString("INDEX_NAME") + " " + rs.getString("COLUMN_NAME") + (rs.getBoolean("NON_UNIQUE") ? "" : " unique"));
                }
            }
        }
        Collections.sort(indexes);
        indexes.forEach(line -> out.append(line).append('\n'));
    }

    private void appendRows(Connection c, String[] table, StringBuilder out) throws SQLException {
        String quoted = kind.equals("mariadb") ? "`" + table[1] + "`"
                : (table[0] == null ? "" : "\"" + table[0] + "\".") + "\"" + table[1] + "\"";
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + quoted)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder("  row");
                for (int i = 1; i <= columns; i++) {
                    row.append(' ').append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        Collections.sort(rows);
        rows.forEach(line -> out.append(line).append('\n'));
    }
}
