package dev.ferry.schema;

import dev.ferry.schema.model.Column;
import dev.ferry.schema.model.Constraint;
import dev.ferry.schema.model.Index;
import dev.ferry.schema.model.SchemaModel;
import dev.ferry.schema.model.Table;
import dev.ferry.spi.Dialect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The changes that turn schema {@code from} into schema {@code to}, as PostgreSQL statements
 * (MariaDB and SQLite rendering comes with their inspection).
 */
public final class SchemaDiff {
    static final int DROP_FOREIGN_KEYS = 0;
    static final int DROP_INDEXES = 1;
    static final int DROP_CONSTRAINTS = 2;
    static final int TABLES = 3;
    static final int COLUMNS = 4;
    static final int ADD_CONSTRAINTS = 5;
    static final int ADD_INDEXES = 6;
    static final int ADD_FOREIGN_KEYS = 7;
    static final int DROP_COLUMNS = 8;
    static final int DROP_TABLES = 9;

    private static final Pattern LENGTH = Pattern.compile("^(.*)\\((\\d+)(?:,\\s*(\\d+))?\\)$");

    private static final java.util.Set<String> SAFE_WIDENINGS = java.util.Set.of(
            "smallint -> integer", "smallint -> bigint", "integer -> bigint", "real -> double precision");

    private final Dialect dialect;
    private final List<SchemaChange> changes = new ArrayList<>();

    private SchemaDiff(Dialect dialect) {
        this.dialect = dialect;
    }

    public static List<SchemaChange> between(SchemaModel from, SchemaModel to, Dialect dialect) {
        SchemaDiff d = new SchemaDiff(dialect);
        d.compare(from, to);
        d.changes.sort(Comparator.comparingInt(SchemaChange::phase));
        return d.changes;
    }

    private void compare(SchemaModel from, SchemaModel to) {
        for (Table target : to.tables()) {
            Optional<Table> current = from.table(target.key());
            if (current.isEmpty()) {
                createTable(target);
            } else {
                compareTable(current.get(), target);
            }
        }
        for (Table t : from.tables()) {
            if (to.table(t.key()).isEmpty()) {
                t.constraints().stream().filter(Constraint::isForeignKey).forEach(fk -> dropConstraint(t, fk, "not in the target"));
                add(DROP_TABLES, "table " + t.key(), "not in the target", "DROP TABLE " + name(t), true);
            }
        }
    }

    private void createTable(Table t) {
        List<String> parts = new ArrayList<>();
        t.columns().forEach(c -> parts.add(columnDefinition(c)));
        t.constraints().stream().filter(c -> !c.isForeignKey())
                .forEach(c -> parts.add("CONSTRAINT " + q(c.name()) + " " + c.definition()));
        add(TABLES, "table " + t.key(), "missing", "CREATE TABLE " + name(t) + " (\n    " + String.join(",\n    ", parts) + "\n)", false);
        t.indexes().forEach(i -> add(ADD_INDEXES, "index " + t.schema() + "." + i.name(), "missing", i.definition(), false));
        t.constraints().stream().filter(Constraint::isForeignKey).forEach(fk -> addConstraint(t, fk, "missing"));
    }

    private void compareTable(Table from, Table to) {
        for (Column target : to.columns()) {
            Optional<Column> current = from.column(target.name());
            if (current.isEmpty()) {
                add(COLUMNS, "column " + to.key() + "." + target.name(), "missing", alter(to) + "ADD COLUMN " + columnDefinition(target), false);
            } else {
                compareColumn(to, current.get(), target);
            }
        }
        for (Column c : from.columns()) {
            if (to.column(c.name()).isEmpty()) {
                add(DROP_COLUMNS, "column " + from.key() + "." + c.name(), "not in the target", alter(from) + "DROP COLUMN " + q(c.name()), true);
            }
        }
        compareConstraints(from, to);
        compareIndexes(from, to);
    }

    private void compareColumn(Table t, Column from, Column to) {
        String object = "column " + t.key() + "." + to.name();
        if (!from.type().equals(to.type())) {
            add(COLUMNS, object, "type " + from.type() + " -> " + to.type(),
                    alter(t) + "ALTER COLUMN " + q(to.name()) + " TYPE " + to.type() + " USING " + q(to.name()) + "::" + to.type(), narrows(from.type(), to.type()));
        }
        if (!Objects.equals(from.defaultValue(), to.defaultValue())) {
            add(COLUMNS, object, "default differs", alter(t) + "ALTER COLUMN " + q(to.name())
                    + (to.defaultValue() == null ? " DROP DEFAULT" : " SET DEFAULT " + to.defaultValue()), false);
        }
        if (from.nullable() != to.nullable()) {
            add(COLUMNS, object, to.nullable() ? "allows NULL in the target" : "NOT NULL in the target",
                    alter(t) + "ALTER COLUMN " + q(to.name()) + (to.nullable() ? " DROP NOT NULL" : " SET NOT NULL"), false);
        }
        if (!Objects.equals(from.identity(), to.identity()) || !Objects.equals(from.generated(), to.generated())) {
            add(COLUMNS, object, "identity or generation differs", "-- change " + object + " by hand: identity or generated expression differs", false);
        }
    }

    private void compareConstraints(Table from, Table to) {
        for (Constraint target : to.constraints()) {
            Optional<Constraint> current = from.constraints().stream().filter(c -> c.name().equals(target.name())).findFirst();
            if (current.isEmpty()) {
                addConstraint(to, target, "missing");
            } else if (!current.get().definition().equals(target.definition())) {
                dropConstraint(from, current.get(), "differs");
                addConstraint(to, target, "differs");
            }
        }
        for (Constraint c : from.constraints()) {
            if (to.constraints().stream().noneMatch(x -> x.name().equals(c.name()))) {
                dropConstraint(from, c, "not in the target");
            }
        }
    }

    private void compareIndexes(Table from, Table to) {
        for (Index target : to.indexes()) {
            Optional<Index> current = from.indexes().stream().filter(i -> i.name().equals(target.name())).findFirst();
            if (current.isEmpty() || !current.get().definition().equals(target.definition())) {
                current.ifPresent(i -> add(DROP_INDEXES, "index " + from.schema() + "." + i.name(), "differs", "DROP INDEX " + q(from.schema()) + "." + q(i.name()), false));
                add(ADD_INDEXES, "index " + to.schema() + "." + target.name(), current.isEmpty() ? "missing" : "differs", target.definition(), false);
            }
        }
        for (Index i : from.indexes()) {
            if (to.indexes().stream().noneMatch(x -> x.name().equals(i.name()))) {
                add(DROP_INDEXES, "index " + from.schema() + "." + i.name(), "not in the target", "DROP INDEX " + q(from.schema()) + "." + q(i.name()), false);
            }
        }
    }

    private void addConstraint(Table t, Constraint c, String why) {
        add(c.isForeignKey() ? ADD_FOREIGN_KEYS : ADD_CONSTRAINTS, kindName(c) + " " + t.key() + "." + c.name(), why,
                alter(t) + "ADD CONSTRAINT " + q(c.name()) + " " + c.definition(), false);
    }

    private void dropConstraint(Table t, Constraint c, String why) {
        add(c.isForeignKey() ? DROP_FOREIGN_KEYS : DROP_CONSTRAINTS, kindName(c) + " " + t.key() + "." + c.name(), why,
                alter(t) + "DROP CONSTRAINT " + q(c.name()), false);
    }

    private static String kindName(Constraint c) {
        return c.isForeignKey() ? "foreign key" : c.kind().toLowerCase(java.util.Locale.ROOT) + " constraint";
    }

    private String columnDefinition(Column c) {
        StringBuilder sb = new StringBuilder(q(c.name())).append(' ').append(c.type());
        if (c.identity() != null) {
            sb.append(" GENERATED ").append(c.identity()).append(" AS IDENTITY");
        } else if (c.generated() != null) {
            sb.append(" GENERATED ALWAYS AS (").append(c.generated()).append(") STORED");
        } else if (c.defaultValue() != null) {
            sb.append(" DEFAULT ").append(c.defaultValue());
        }
        return sb.append(c.nullable() ? "" : " NOT NULL").toString();
    }

    /** Only known widenings are safe; any other type change may lose or reject data. */
    static boolean narrows(String from, String to) {
        if (to.equals("text") || SAFE_WIDENINGS.contains(from + " -> " + to)) {
            return false;
        }
        Matcher a = LENGTH.matcher(from);
        Matcher b = LENGTH.matcher(to);
        if (a.matches() && b.matches() && a.group(1).equals(b.group(1))) {
            boolean shorter = Integer.parseInt(b.group(2)) < Integer.parseInt(a.group(2));
            boolean fewerDecimals = a.group(3) != null && b.group(3) != null && Integer.parseInt(b.group(3)) < Integer.parseInt(a.group(3));
            return shorter || fewerDecimals;
        }
        return true;
    }

    private String alter(Table t) {
        return "ALTER TABLE " + name(t) + " ";
    }

    private String name(Table t) {
        return q(t.schema()) + "." + q(t.name());
    }

    private String q(String identifier) {
        return dialect.quoteIdentifier(identifier);
    }

    private void add(int phase, String object, String summary, String sql, boolean destructive) {
        changes.add(new SchemaChange(phase, object, summary, sql, destructive));
    }
}
