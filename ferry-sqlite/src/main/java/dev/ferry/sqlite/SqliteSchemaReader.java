package dev.ferry.sqlite;

import dev.ferry.schema.model.Column;
import dev.ferry.schema.model.Constraint;
import dev.ferry.schema.model.Index;
import dev.ferry.schema.model.SchemaModel;
import dev.ferry.schema.model.Table;
import dev.ferry.schema.model.Trigger;
import dev.ferry.spi.Queries;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the tables of one SQLite schema (main unless named) through the pragma functions, and
 * what they leave out from the CREATE TABLE text. SQLite keeps no names for primary keys, unique
 * constraints and foreign keys: they get names made of their table and columns, so the same
 * constraint has the same name wherever it is declared and in whatever order.
 */
final class SqliteSchemaReader {
    private final Connection c;
    private final String schema;

    SqliteSchemaReader(Connection c, String schema) {
        this.c = c;
        this.schema = schema == null ? "main" : schema;
    }

    SchemaModel read() throws SQLException {
        // table_list says 'table' for ordinary tables only: views, virtual tables and their shadow tables are left out
        // wr and strict (SQLite 3.37+, as table_list itself) say WITHOUT ROWID and STRICT, which no other pragma shows
        List<String[]> names = new ArrayList<>();
        query("select t.name, m.sql, t.wr, t.strict from pragma_table_list t join " + master() + " m on m.name = t.name and m.type = 'table'"
                + " where t.schema = ? and t.type = 'table' and t.name not like 'sqlite\\_%' escape '\\' order by t.name",
                List.of(schema), r -> names.add(new String[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4)}));
        List<Table> tables = new ArrayList<>();
        for (String[] n : names) {
            List<String> options = new ArrayList<>();
            if (n[2].equals("1")) {
                options.add(SqliteSchemaSql.WITHOUT_ROWID);
            }
            if (n[3].equals("1")) {
                options.add(SqliteSchemaSql.STRICT);
            }
            tables.add(table(n[0], SqliteDdl.parse(n[1]), List.copyOf(options)));
        }
        return SchemaModel.ofTables(tables);
    }

    private Table table(String name, SqliteDdl ddl, List<String> options) throws SQLException {
        List<Column> columns = new ArrayList<>();
        Map<Integer, String> primaryKey = new java.util.TreeMap<>();
        query("select name, type, \"notnull\", dflt_value, pk, hidden from pragma_table_xinfo(?, ?) order by cid", List.of(name, schema), r -> {
            SqliteDdl.ColumnExtras extras = ddl.column(r.getString(1));
            String type = java.util.Objects.toString(r.getString(2), "").strip() + (extras.collation() == null ? "" : " COLLATE " + extras.collation());
            boolean generated = r.getInt(6) >= 2;
            columns.add(new Column(r.getString(1), type.strip(), r.getInt(3) == 0, generated ? null : r.getString(4),
                    extras.autoincrement() ? "AUTOINCREMENT" : null, generated ? extras.generated() : null));
            if (r.getInt(5) > 0) {
                primaryKey.put(r.getInt(5), r.getString(1));
            }
        });
        List<Constraint> constraints = new ArrayList<>();
        if (!primaryKey.isEmpty()) {
            constraints.add(new Constraint("pk_" + name, "PRIMARY KEY", "PRIMARY KEY (" + list(primaryKey.values()) + ")"));
        }
        constraints.addAll(uniqueNames(uniques(name)));
        constraints.addAll(uniqueNames(foreignKeys(name)));
        constraints.addAll(uniqueNames(ddl.checks().stream().map(ch -> new Constraint(ch.name() != null ? ch.name() : checkName(name, ch.expression()),
                "CHECK", "CHECK (" + ch.expression() + ")")).toList()));
        constraints.sort(Comparator.comparing(Constraint::name));
        List<Index> indexes = new ArrayList<>();
        List<Trigger> triggers = new ArrayList<>();
        // indexes SQLite makes for constraints have no SQL
        query("select type, name, sql from " + master() + " where tbl_name = ? and type in ('index', 'trigger') and sql is not null order by name",
                List.of(name), r -> {
                    if (r.getString(1).equals("index")) {
                        indexes.add(new Index(r.getString(2), r.getString(3)));
                    } else {
                        triggers.add(new Trigger(r.getString(2), r.getString(3)));
                    }
                });
        return new Table(schemaOrNull(), name, columns, constraints, indexes, triggers, null, false, dev.ferry.schema.model.RowSecurity.NONE, options);
    }

    private List<Constraint> uniques(String table) throws SQLException {
        List<String> indexNames = new ArrayList<>();
        query("select name from pragma_index_list(?, ?) where origin = 'u' order by name", List.of(table, schema), r -> indexNames.add(r.getString(1)));
        List<Constraint> uniques = new ArrayList<>();
        for (String index : indexNames) {
            List<String> columns = new ArrayList<>();
            query("select name from pragma_index_info(?, ?) order by seqno", List.of(index, schema), r -> columns.add(r.getString(1)));
            uniques.add(new Constraint("uq_" + table + "_" + String.join("_", columns), "UNIQUE", "UNIQUE (" + list(columns) + ")"));
        }
        return uniques;
    }

    private List<Constraint> foreignKeys(String table) throws SQLException {
        Map<Integer, List<String[]>> rows = new LinkedHashMap<>();
        query("select id, \"table\", \"from\", \"to\", on_update, on_delete from pragma_foreign_key_list(?, ?) order by id, seq",
                List.of(table, schema), r -> rows.computeIfAbsent(r.getInt(1), k -> new ArrayList<>())
                        .add(new String[] {r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6)}));
        List<Constraint> fks = new ArrayList<>();
        rows.values().forEach(fk -> fks.add(foreignKey(table, fk)));
        return fks;
    }

    /** One foreign key from its pragma rows (referenced table, from, to, on update, on delete); NO ACTION is the default and left out. */
    static Constraint foreignKey(String table, List<String[]> rows) {
        List<String> from = rows.stream().map(r -> r[1]).toList();
        // "to" is null when the key references the parent's primary key without naming it
        boolean namedTo = rows.stream().allMatch(r -> r[2] != null);
        String[] first = rows.get(0);
        String definition = "FOREIGN KEY (" + list(from) + ") REFERENCES " + SqliteSchemaSql.q(first[0])
                + (namedTo ? " (" + list(rows.stream().map(r -> r[2]).toList()) + ")" : "")
                + (first[4].equals("NO ACTION") ? "" : " ON DELETE " + first[4])
                + (first[3].equals("NO ACTION") ? "" : " ON UPDATE " + first[3]);
        return new Constraint("fk_" + table + "_" + String.join("_", from), "FOREIGN KEY", definition);
    }

    /** A check without a name is named by its text, so it keeps the name whatever else moves. */
    static String checkName(String table, String expression) {
        return "ck_" + table + "_" + String.format("%08x", expression.hashCode());
    }

    /** Constraints whose made-up names collide get a suffix in the order of their definitions, never of their positions. */
    static List<Constraint> uniqueNames(List<Constraint> constraints) {
        Map<String, List<Constraint>> byName = constraints.stream()
                .collect(Collectors.groupingBy(Constraint::name, LinkedHashMap::new, Collectors.toList()));
        List<Constraint> named = new ArrayList<>();
        byName.forEach((name, group) -> {
            if (group.size() == 1) {
                named.add(group.get(0));
                return;
            }
            List<Constraint> sorted = group.stream().sorted(Comparator.comparing(Constraint::definition)).toList();
            for (int i = 0; i < sorted.size(); i++) {
                named.add(new Constraint(name + "_" + (i + 1), sorted.get(i).kind(), sorted.get(i).definition()));
            }
        });
        return named;
    }

    private String schemaOrNull() {
        return schema.equals("main") ? null : schema;
    }

    private String master() {
        return SqliteSchemaSql.q(schema) + ".sqlite_master";
    }

    private static String list(java.util.Collection<String> columns) {
        return columns.stream().map(SqliteSchemaSql::q).collect(Collectors.joining(", "));
    }

    private void query(String sql, List<String> params, Queries.RowHandler handler) throws SQLException {
        Queries.forEachRow(c, sql, params, handler);
    }
}
