package dev.ferry.postgres;

import dev.ferry.schema.TypeChanges;
import dev.ferry.schema.model.Column;
import dev.ferry.schema.model.ColumnRef;
import dev.ferry.schema.model.Constraint;
import dev.ferry.schema.model.Domain;
import dev.ferry.schema.model.EnumType;
import dev.ferry.schema.model.Extension;
import dev.ferry.schema.model.Index;
import dev.ferry.schema.model.Policy;
import dev.ferry.schema.model.Routine;
import dev.ferry.schema.model.RowSecurity;
import dev.ferry.schema.model.Sequence;
import dev.ferry.schema.model.Table;
import dev.ferry.schema.model.Trigger;
import dev.ferry.schema.model.View;
import dev.ferry.spi.SchemaSql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** PostgreSQL statements for a repair script. */
final class PostgresSchemaSql implements SchemaSql {

    @Override
    public List<String> preamble() {
        // bodies of SQL functions may name tables created later in the script, as in pg_dump's output
        return List.of("SET check_function_bodies = false");
    }

    @Override
    public boolean scriptInOneTransaction() {
        return true;
    }

    @Override
    public String createTable(Table t) {
        List<String> parts = new ArrayList<>();
        if (t.isPartition()) {
            String sql = "CREATE " + (t.unlogged() ? "UNLOGGED " : "") + "TABLE " + name(t) + " PARTITION OF " + qualified(t.partitioning().parentSchema(), t.partitioning().parentName()) + " " + t.partitioning().bound();
            return t.partitioning().strategy() == null ? sql : sql + " PARTITION BY " + t.partitioning().strategy();
        }
        t.columns().forEach(c -> parts.add(columnDefinition(c)));
        t.constraints().stream().filter(c -> !c.isForeignKey()).forEach(c -> parts.add("CONSTRAINT " + q(c.name()) + " " + c.definition()));
        String sql = "CREATE " + (t.unlogged() ? "UNLOGGED " : "") + "TABLE " + name(t) + " (\n    " + String.join(",\n    ", parts) + "\n)";
        return t.partitioning() == null ? sql : sql + " PARTITION BY " + t.partitioning().strategy();
    }

    @Override
    public String dropTable(Table t) {
        return "DROP TABLE " + name(t);
    }

    @Override
    public String addColumn(Table t, Column c) {
        return alter(t) + "ADD COLUMN " + columnDefinition(c);
    }

    @Override
    public String dropColumn(Table t, Column c) {
        return alter(t) + "DROP COLUMN " + q(c.name());
    }

    @Override
    public List<String> alterColumn(Table t, Column from, Column to) {
        List<String> sql = new ArrayList<>();
        String column = alter(t) + "ALTER COLUMN " + q(to.name());
        boolean typeChanges = !from.type().equals(to.type()) || !java.util.Objects.equals(from.collation(), to.collation());
        boolean defaultChanges = !java.util.Objects.equals(from.defaultValue(), to.defaultValue());
        if (from.identity() != null && to.identity() == null) {
            // before any default: a column cannot be an identity and have one
            sql.add(column + " DROP IDENTITY");
        }
        if (typeChanges && from.defaultValue() != null) {
            // the old default may not cast to the new type
            sql.add(column + " DROP DEFAULT");
        }
        if (typeChanges) {
            // back to the type's default collation: COLLATE "default" says so for any collatable type
            String collate = to.collation() != null ? " COLLATE " + to.collation() : from.collation() != null ? " COLLATE \"default\"" : "";
            sql.add(column + " TYPE " + to.type() + collate + " USING " + q(to.name()) + "::" + to.type());
        }
        if (to.defaultValue() != null && (defaultChanges || (typeChanges && from.defaultValue() != null))) {
            sql.add(column + " SET DEFAULT " + to.defaultValue());
        } else if (to.defaultValue() == null && defaultChanges && !typeChanges) {
            sql.add(column + " DROP DEFAULT");
        }
        if (from.nullable() != to.nullable()) {
            sql.add(column + (to.nullable() ? " DROP NOT NULL" : " SET NOT NULL"));
        }
        if (to.identity() != null && !to.identity().equals(from.identity())) {
            sql.add(column + (from.identity() == null ? " ADD GENERATED " + to.identity() + " AS IDENTITY" : " SET GENERATED " + to.identity()));
        }
        return sql;
    }

    @Override
    public String addConstraint(Table t, Constraint c) {
        return alter(t) + "ADD CONSTRAINT " + q(c.name()) + " " + c.definition();
    }

    @Override
    public String dropConstraint(Table t, Constraint c) {
        return alter(t) + "DROP CONSTRAINT " + q(c.name());
    }

    @Override
    public String dropIndex(String schema, String relation, Index i) {
        return "DROP INDEX " + qualified(schema, i.name());
    }

    @Override
    public boolean narrows(String fromType, String toType) {
        return TypeChanges.narrows(fromType, toType);
    }

    @Override
    public String createSchema(String schema) {
        return "CREATE SCHEMA " + q(schema);
    }

    @Override
    public String dropSchema(String schema) {
        return "DROP SCHEMA " + q(schema);
    }

    @Override
    public String createExtension(Extension e) {
        return "CREATE EXTENSION IF NOT EXISTS " + q(e.name()) + " WITH SCHEMA " + q(e.schema());
    }

    @Override
    public String dropExtension(Extension e) {
        return "DROP EXTENSION " + q(e.name());
    }

    @Override
    public String createEnum(EnumType e) {
        return "CREATE TYPE " + qualified(e.schema(), e.name()) + " AS ENUM (" + labels(e.values()) + ")";
    }

    @Override
    public List<String> addEnumValues(EnumType from, EnumType to) {
        // only when the current labels keep their order within the target's
        int next = 0;
        for (String label : to.values()) {
            if (next < from.values().size() && label.equals(from.values().get(next))) {
                next++;
            }
        }
        if (next < from.values().size()) {
            return List.of();
        }
        List<String> sql = new ArrayList<>();
        List<String> now = new ArrayList<>(from.values());
        for (int i = 0; i < to.values().size(); i++) {
            String label = to.values().get(i);
            if (!now.contains(label)) {
                String where = i == 0 ? " BEFORE " + literal(to.values().get(1)) : " AFTER " + literal(to.values().get(i - 1));
                sql.add("ALTER TYPE " + qualified(to.schema(), to.name()) + " ADD VALUE IF NOT EXISTS " + literal(label) + (now.isEmpty() ? "" : where));
                now.add(label);
            }
        }
        return sql;
    }

    @Override
    public List<String> recreateEnum(EnumType from, EnumType to, Map<String, String> defaults) {
        // the columns keep the old type (by oid) through the rename, then convert through text
        String type = qualified(to.schema(), to.name());
        String old = q(to.name() + "__ferry_old");
        List<String> sql = new ArrayList<>();
        sql.add("ALTER TYPE " + type + " RENAME TO " + old);
        sql.add(createEnum(to));
        for (ColumnRef c : from.usedBy()) {
            String column = "ALTER TABLE " + qualified(c.schema(), c.table()) + " ALTER COLUMN " + q(c.column());
            sql.add(column + " DROP DEFAULT");
            sql.add(column + " TYPE " + type + " USING " + q(c.column()) + "::text::" + type);
            String def = defaults.get(c.toString());
            if (def != null) {
                sql.add(column + " SET DEFAULT " + def);
            }
        }
        sql.add("DROP TYPE " + (to.schema() == null ? "" : q(to.schema()) + ".") + old);
        return sql;
    }

    @Override
    public String dropEnum(EnumType e) {
        return "DROP TYPE " + qualified(e.schema(), e.name());
    }

    @Override
    public String createDomain(Domain d) {
        StringBuilder sb = new StringBuilder("CREATE DOMAIN ").append(qualified(d.schema(), d.name())).append(" AS ").append(d.baseType());
        if (d.defaultValue() != null) {
            sb.append(" DEFAULT ").append(d.defaultValue());
        }
        if (d.notNull()) {
            sb.append(" NOT NULL");
        }
        d.checks().forEach(c -> sb.append(" CONSTRAINT ").append(q(c.name())).append(' ').append(c.definition()));
        return sb.toString();
    }

    @Override
    public List<String> alterDomain(Domain from, Domain to) {
        if (!from.baseType().equals(to.baseType())) {
            return List.of();
        }
        String domain = "ALTER DOMAIN " + qualified(to.schema(), to.name());
        List<String> sql = new ArrayList<>();
        if (!java.util.Objects.equals(from.defaultValue(), to.defaultValue())) {
            sql.add(domain + (to.defaultValue() == null ? " DROP DEFAULT" : " SET DEFAULT " + to.defaultValue()));
        }
        if (from.notNull() != to.notNull()) {
            sql.add(domain + (to.notNull() ? " SET NOT NULL" : " DROP NOT NULL"));
        }
        from.checks().stream().filter(c -> !to.checks().contains(c)).forEach(c -> sql.add(domain + " DROP CONSTRAINT " + q(c.name())));
        to.checks().stream().filter(c -> !from.checks().contains(c)).forEach(c -> sql.add(domain + " ADD CONSTRAINT " + q(c.name()) + " " + c.definition()));
        return sql;
    }

    @Override
    public String dropDomain(Domain d) {
        return "DROP DOMAIN " + qualified(d.schema(), d.name());
    }

    @Override
    public String createSequence(Sequence s) {
        return "CREATE SEQUENCE " + qualified(s.schema(), s.name()) + sequenceOptions(s);
    }

    @Override
    public String alterSequence(Sequence s) {
        return "ALTER SEQUENCE " + qualified(s.schema(), s.name()) + sequenceOptions(s);
    }

    private static String sequenceOptions(Sequence s) {
        return " AS " + s.dataType() + " INCREMENT BY " + s.increment() + " MINVALUE " + s.min() + " MAXVALUE " + s.max()
                + " START WITH " + s.start() + " CACHE " + s.cache() + (s.cycle() ? " CYCLE" : " NO CYCLE");
    }

    @Override
    public String sequenceOwner(Sequence s) {
        return "ALTER SEQUENCE " + qualified(s.schema(), s.name()) + " OWNED BY " + (s.ownedBy() == null ? "NONE"
                : qualified(s.ownedBy().schema(), s.ownedBy().table()) + "." + q(s.ownedBy().column()));
    }

    @Override
    public String dropSequence(Sequence s) {
        // a sequence owned by a dropped column is already gone
        return "DROP SEQUENCE IF EXISTS " + qualified(s.schema(), s.name());
    }

    @Override
    public String createRoutine(Routine r) {
        return r.definition().strip();
    }

    @Override
    public String dropRoutine(Routine r) {
        return "DROP " + r.kind().toUpperCase(java.util.Locale.ROOT) + " " + q(r.schema()) + "." + r.signature();
    }

    @Override
    public List<String> createView(View v) {
        String query = v.query().strip();
        if (query.endsWith(";")) {
            query = query.substring(0, query.length() - 1);
        }
        List<String> sql = new ArrayList<>();
        sql.add("CREATE " + (v.materialized() ? "MATERIALIZED VIEW " : "VIEW ") + qualified(v.schema(), v.name()) + " AS\n" + query);
        v.indexes().forEach(i -> sql.add(i.definition()));
        return sql;
    }

    @Override
    public String dropView(View v) {
        return "DROP " + (v.materialized() ? "MATERIALIZED VIEW " : "VIEW ") + qualified(v.schema(), v.name());
    }

    @Override
    public String dropTrigger(Table t, Trigger tr) {
        return "DROP TRIGGER " + q(tr.name()) + " ON " + name(t);
    }

    @Override
    public String setLogged(Table t) {
        return alter(t) + (t.unlogged() ? "SET UNLOGGED" : "SET LOGGED");
    }

    @Override
    public List<String> alterRowSecurity(Table t, RowSecurity from, RowSecurity to) {
        List<String> sql = new ArrayList<>();
        if (from.enabled() != to.enabled()) {
            sql.add(alter(t) + (to.enabled() ? "ENABLE" : "DISABLE") + " ROW LEVEL SECURITY");
        }
        if (from.forced() != to.forced()) {
            sql.add(alter(t) + (to.forced() ? "FORCE" : "NO FORCE") + " ROW LEVEL SECURITY");
        }
        return sql;
    }

    @Override
    public String dropPolicy(Table t, Policy p) {
        return "DROP POLICY " + q(p.name()) + " ON " + name(t);
    }

    @Override
    public String detachPartition(Table t) {
        return "ALTER TABLE " + qualified(t.partitioning().parentSchema(), t.partitioning().parentName()) + " DETACH PARTITION " + name(t);
    }

    @Override
    public String attachPartition(Table t) {
        return "ALTER TABLE " + qualified(t.partitioning().parentSchema(), t.partitioning().parentName()) + " ATTACH PARTITION " + name(t)
                + " " + t.partitioning().bound();
    }

    @Override
    public String comment(String target, String text) {
        return "COMMENT ON " + target + " IS " + (text == null ? "NULL" : literal(text));
    }

    @Override
    public String owner(String target, String role) {
        return "ALTER " + target + " OWNER TO " + q(role);
    }

    private static String columnDefinition(Column c) {
        StringBuilder sb = new StringBuilder(q(c.name())).append(' ').append(c.type());
        if (c.collation() != null) {
            sb.append(" COLLATE ").append(c.collation());
        }
        if (c.identity() != null) {
            sb.append(" GENERATED ").append(c.identity()).append(" AS IDENTITY");
        } else if (c.generated() != null) {
            sb.append(" GENERATED ALWAYS AS ").append(c.generated());
        } else if (c.defaultValue() != null) {
            sb.append(" DEFAULT ").append(c.defaultValue());
        }
        return sb.append(c.nullable() ? "" : " NOT NULL").toString();
    }

    private static String labels(List<String> values) {
        return values.stream().map(PostgresSchemaSql::literal).collect(Collectors.joining(", "));
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String alter(Table t) {
        return "ALTER TABLE " + name(t) + " ";
    }

    private static String name(Table t) {
        return qualified(t.schema(), t.name());
    }

    private static String qualified(String schema, String name) {
        return schema == null ? q(name) : q(schema) + "." + q(name);
    }

    static String q(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
