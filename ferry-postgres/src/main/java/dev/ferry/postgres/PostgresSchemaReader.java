package dev.ferry.postgres;

import dev.ferry.schema.model.Column;
import dev.ferry.schema.model.Constraint;
import dev.ferry.schema.model.Index;
import dev.ferry.schema.model.SchemaModel;
import dev.ferry.schema.model.Table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads tables, columns, constraints and indexes from pg_catalog, three queries in all. */
final class PostgresSchemaReader {
    /** The user tables: not catalogs, not partitions, not owned by an extension. */
    private static final String TABLES = """
            with tbl as (
              select c.oid, n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
               where c.relkind in ('r', 'p') and not c.relispartition
                 and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%'
                 and n.nspname not like 'pg\\_temp\\_%' and (cast(? as text) is null or n.nspname = ?)
                 and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e'))
            """;

    private final Connection c;
    private final String schema;

    PostgresSchemaReader(Connection c, String schema) {
        this.c = c;
        this.schema = schema;
    }

    SchemaModel read() throws SQLException {
        Map<Long, String[]> names = new LinkedHashMap<>();
        Map<Long, List<Column>> columns = new LinkedHashMap<>();
        Map<Long, List<Constraint>> constraints = new LinkedHashMap<>();
        Map<Long, List<Index>> indexes = new LinkedHashMap<>();
        query(TABLES + """
                select t.oid, t.nspname, t.relname, a.attname, format_type(a.atttypid, a.atttypmod), not a.attnotnull,
                       pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated
                  from tbl t join pg_attribute a on a.attrelid = t.oid and a.attnum > 0 and not a.attisdropped
                  left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
                 order by t.nspname, t.relname, a.attnum""", r -> {
            long oid = r.getLong(1);
            names.putIfAbsent(oid, new String[] {r.getString(2), r.getString(3)});
            String expr = r.getString(7);
            boolean generated = "s".equals(r.getString(9));
            String identity = switch (String.valueOf(r.getString(8))) {
                case "a" -> "ALWAYS";
                case "d" -> "BY DEFAULT";
                default -> null;
            };
            columns.computeIfAbsent(oid, k -> new ArrayList<>()).add(new Column(r.getString(4), r.getString(5), r.getBoolean(6),
                    generated ? null : expr, identity, generated ? expr : null));
        });
        query(TABLES + """
                select t.oid, con.conname, con.contype, pg_get_constraintdef(con.oid)
                  from tbl t join pg_constraint con on con.conrelid = t.oid and con.contype in ('p', 'u', 'c', 'x', 'f')
                 order by con.conname""", r -> constraints.computeIfAbsent(r.getLong(1), k -> new ArrayList<>())
                .add(new Constraint(r.getString(2), kind(r.getString(3)), r.getString(4))));
        query(TABLES + """
                select t.oid, ic.relname, pg_get_indexdef(i.indexrelid)
                  from tbl t join pg_index i on i.indrelid = t.oid join pg_class ic on ic.oid = i.indexrelid
                 where not exists (select 1 from pg_constraint con where con.conindid = i.indexrelid and con.contype in ('p', 'u', 'x'))
                 order by ic.relname""", r -> indexes.computeIfAbsent(r.getLong(1), k -> new ArrayList<>())
                .add(new Index(r.getString(2), r.getString(3))));
        List<Table> tables = new ArrayList<>();
        names.forEach((oid, n) -> tables.add(new Table(n[0], n[1], columns.get(oid), constraints.getOrDefault(oid, List.of()),
                indexes.getOrDefault(oid, List.of()))));
        return new SchemaModel(tables);
    }

    private static String kind(String contype) {
        return switch (contype) {
            case "p" -> "PRIMARY KEY";
            case "u" -> "UNIQUE";
            case "c" -> "CHECK";
            case "x" -> "EXCLUDE";
            default -> "FOREIGN KEY";
        };
    }

    private interface RowHandler {
        void accept(ResultSet r) throws SQLException;
    }

    private void query(String sql, RowHandler handler) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, schema);
            s.setString(2, schema);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    handler.accept(r);
                }
            }
        }
    }
}
