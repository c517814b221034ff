package dev.ferry.copy.cross;

import dev.ferry.schema.model.Column;
import dev.ferry.schema.model.Constraint;
import dev.ferry.schema.model.SchemaModel;
import dev.ferry.schema.model.Table;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The plan of a copy from MariaDB/MySQL or SQLite into PostgreSQL: per source table its target
 * name and columns (from Ferry's model, whose types are the source's own spelling), and its keys,
 * indexes and foreign keys from the driver's metadata (structured, the same for both sources),
 * ordered so that a table comes after the tables it references.
 */
public final class SourcePlans {
    /** Which database the source is. */
    public enum Source { MYSQL, SQLITE, POSTGRES }

    private SourcePlans() {
    }

    /**
     * @param quote  the source's identifier quoting
     * @param rename a source name to its target name (kept, or snake_case)
     */
    public static List<TablePlan> of(Connection source, Source kind, SchemaModel model, UnaryOperator<String> quote, UnaryOperator<String> rename)
            throws SQLException {
        DatabaseMetaData meta = source.getMetaData();
        String catalog = kind == Source.MYSQL ? source.getCatalog() : null;
        boolean schemas = kind == Source.POSTGRES;
        Map<String, TablePlan> plans = new LinkedHashMap<>();
        for (Table t : model.tables()) {
            if (t.isPartition()) {
                continue;
            }
            String schema = schemas ? t.schema() : null;
            List<String> key = primaryKey(meta, catalog, schema, t.name());
            List<TablePlan.ColumnPlan> columns = new ArrayList<>();
            for (Column c : t.columns()) {
                if (c.generated() != null) {
                    continue; // computed again by nothing: a generated column's values are left out, as its expression is the source's SQL
                }
                columns.add(column(kind, t, c, key, quote, rename));
            }
            Function<List<String>, List<String>> renamed = cols -> cols.stream().map(rename).toList();
            List<List<String>> uniques = new ArrayList<>();
            List<List<String>> indexes = new ArrayList<>();
            indexes(meta, catalog, schema, t.name()).forEach((cols, unique) -> {
                if (!cols.equals(key)) {
                    (unique ? uniques : indexes).add(renamed.apply(cols));
                }
            });
            plans.put(t.name(), new TablePlan(t.name(), rename.apply(t.name()), columns, renamed.apply(key), uniques, indexes,
                    foreignKeys(meta, catalog, schema, t.name(), rename)));
        }
        refuseCollisions(plans.values());
        return parentsFirst(plans);
    }

    /** Two source names that become one target name (UserId and user_id with --snake-case) cannot both be copied. */
    private static void refuseCollisions(java.util.Collection<TablePlan> plans) {
        List<String> collisions = new ArrayList<>();
        Map<String, String> tables = new LinkedHashMap<>();
        for (TablePlan p : plans) {
            String other = tables.putIfAbsent(p.targetTable(), p.sourceTable());
            if (other != null) {
                collisions.add("tables " + other + " and " + p.sourceTable() + " both become " + p.targetTable());
            }
            Map<String, String> columns = new LinkedHashMap<>();
            for (TablePlan.ColumnPlan c : p.columns()) {
                String otherColumn = columns.putIfAbsent(c.targetName(), c.sourceName());
                if (otherColumn != null) {
                    collisions.add(p.sourceTable() + "." + otherColumn + " and " + p.sourceTable() + "." + c.sourceName() + " both become " + c.targetName());
                }
            }
        }
        if (!collisions.isEmpty()) {
            throw new dev.ferry.error.FerryException(dev.ferry.error.ErrorCode.USAGE, "the target's names collide: " + String.join("; ", collisions)
                    + "; nothing was changed", "copy without --snake-case, or leave those tables out with --tables", null);
        }
    }

    private static TablePlan.ColumnPlan column(Source kind, Table t, Column c, List<String> key, UnaryOperator<String> quote,
                                               UnaryOperator<String> rename) {
        String q = quote.apply(c.name());
        if (kind == Source.MYSQL) {
            boolean json = t.constraints().stream().anyMatch(k -> k.kind().equals("CHECK")
                    && k.definition().toLowerCase(Locale.ROOT).replace(" ", "").contains("json_valid(" + q.toLowerCase(Locale.ROOT) + ")"));
            PostgresTypes.Mapped type = PostgresTypes.fromMySql(c.type(), json);
            String base = c.type().toLowerCase(Locale.ROOT);
            // temporal values as text: the driver turns MariaDB's zero dates into errors or into other dates
            String expression = base.startsWith("date") || base.startsWith("timestamp") || base.startsWith("time") ? "CAST(" + q + " AS CHAR)"
                    : base.startsWith("bit") || base.startsWith("year") ? "(" + q + " + 0)" : q;
            return new TablePlan.ColumnPlan(c.name(), expression, rename.apply(c.name()), type, c.nullable(), c.identity() != null,
                    PostgresTypes.defaultValue(c.defaultValue(), type.type()));
        }
        if (kind == Source.POSTGRES) {
            return postgresColumn(c, q, rename);
        }
        PostgresTypes.Mapped type = PostgresTypes.fromSqlite(c.type());
        // INTEGER PRIMARY KEY is the rowid, which SQLite numbers itself as AUTO_INCREMENT does
        boolean rowid = key.equals(List.of(c.name())) && c.type().equalsIgnoreCase("INTEGER") && !t.hasOption("WITHOUT ROWID");
        return new TablePlan.ColumnPlan(c.name(), q, rename.apply(c.name()), type, c.nullable() && !rowid, rowid || c.identity() != null,
                rowid ? null : PostgresTypes.defaultValue(c.defaultValue(), type.type()));
    }

    /**
     * A PostgreSQL column kept as it is where the copy can write its type; other types (enums of the
     * source, intervals, arrays of numbers…) as their text, since the target has no such type. A serial
     * column becomes an identity, as its sequence stays behind.
     */
    private static TablePlan.ColumnPlan postgresColumn(Column c, String quoted, UnaryOperator<String> rename) {
        boolean serial = c.defaultValue() != null && c.defaultValue().startsWith("nextval(");
        boolean writable;
        try {
            PgBinaryValues.forType(c.type(), false);
            writable = true;
        } catch (IllegalArgumentException e) {
            writable = false;
        }
        return new TablePlan.ColumnPlan(c.name(), writable ? quoted : "CAST(" + quoted + " AS text)", rename.apply(c.name()),
                new PostgresTypes.Mapped(writable ? c.type() : "text", null), c.nullable(), serial || c.identity() != null,
                serial || !writable ? null : c.defaultValue());
    }

    private static List<String> primaryKey(DatabaseMetaData meta, String catalog, String schema, String table) throws SQLException {
        Map<Integer, String> key = new TreeMap<>();
        try (ResultSet r = meta.getPrimaryKeys(catalog, schema, table)) {
            while (r.next()) {
                key.put(r.getInt("KEY_SEQ"), r.getString("COLUMN_NAME"));
            }
        }
        return List.copyOf(key.values());
    }

    /** Index columns (in order) → unique; indexes on expressions are left out. */
    private static Map<List<String>, Boolean> indexes(DatabaseMetaData meta, String catalog, String schema, String table) throws SQLException {
        Map<String, TreeMap<Integer, String>> columns = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        Set<String> expressions = new LinkedHashSet<>();
        try (ResultSet r = meta.getIndexInfo(catalog, schema, table, false, false)) {
            while (r.next()) {
                String name = r.getString("INDEX_NAME");
                if (name == null || r.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic) {
                    continue;
                }
                String column = r.getString("COLUMN_NAME");
                if (column == null) {
                    expressions.add(name);
                    continue;
                }
                columns.computeIfAbsent(name, k -> new TreeMap<>()).put((int) r.getShort("ORDINAL_POSITION"), column);
                unique.put(name, !r.getBoolean("NON_UNIQUE"));
            }
        }
        Map<List<String>, Boolean> indexes = new LinkedHashMap<>();
        columns.forEach((name, cols) -> {
            if (!expressions.contains(name)) {
                indexes.merge(List.copyOf(cols.values()), unique.get(name), Boolean::logicalOr);
            }
        });
        return indexes;
    }

    private static List<TablePlan.ForeignKey> foreignKeys(DatabaseMetaData meta, String catalog, String schema, String table,
                                                          UnaryOperator<String> rename) throws SQLException {
        Map<String, List<String[]>> keys = new LinkedHashMap<>();
        try (ResultSet r = meta.getImportedKeys(catalog, schema, table)) {
            int unnamed = 0;
            while (r.next()) {
                String name = r.getString("FK_NAME");
                if (name == null || name.isEmpty()) {
                    // SQLite's keys have no names: a key's first column starts the next one
                    unnamed += r.getShort("KEY_SEQ") <= 1 ? 1 : 0;
                    name = "#" + unnamed;
                }
                keys.computeIfAbsent(name, k -> new ArrayList<>()).add(new String[] {r.getString("PKTABLE_NAME"), r.getString("PKCOLUMN_NAME"),
                        r.getString("FKCOLUMN_NAME"), rule(r.getShort("DELETE_RULE")), rule(r.getShort("UPDATE_RULE"))});
            }
        }
        List<TablePlan.ForeignKey> fks = new ArrayList<>();
        keys.values().forEach(rows -> fks.add(new TablePlan.ForeignKey(rows.stream().map(x -> rename.apply(x[2])).toList(), rename.apply(rows.get(0)[0]),
                rows.stream().map(x -> rename.apply(x[1])).toList(), rows.get(0)[3], rows.get(0)[4])));
        return fks;
    }

    private static String rule(short rule) {
        return switch (rule) {
            case DatabaseMetaData.importedKeyCascade -> "CASCADE";
            case DatabaseMetaData.importedKeySetNull -> "SET NULL";
            case DatabaseMetaData.importedKeySetDefault -> "SET DEFAULT";
            case DatabaseMetaData.importedKeyRestrict -> "RESTRICT";
            default -> "NO ACTION";
        };
    }

    /** Referenced tables before the tables that reference them (cycles and self-references as they come). */
    static List<TablePlan> parentsFirst(Map<String, TablePlan> plans) {
        Map<String, TablePlan> byTarget = new LinkedHashMap<>();
        plans.values().forEach(p -> byTarget.put(p.targetTable(), p));
        List<TablePlan> ordered = new ArrayList<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (TablePlan p : byTarget.values()) {
            visit(p, byTarget, visiting, ordered);
        }
        return ordered;
    }

    private static void visit(TablePlan p, Map<String, TablePlan> byTarget, Set<String> visiting, List<TablePlan> ordered) {
        if (ordered.contains(p) || !visiting.add(p.targetTable())) {
            return;
        }
        for (TablePlan.ForeignKey fk : p.foreignKeys()) {
            TablePlan parent = byTarget.get(fk.referencedTable());
            if (parent != null && parent != p) {
                visit(parent, byTarget, visiting, ordered);
            }
        }
        ordered.add(p);
    }
}
