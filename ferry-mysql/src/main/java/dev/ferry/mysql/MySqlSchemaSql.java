package dev.ferry.mysql;

import dev.ferry.schema.TypeChanges;
import dev.ferry.schema.model.Column;
import dev.ferry.schema.model.Constraint;
import dev.ferry.schema.model.Index;
import dev.ferry.schema.model.Table;
import dev.ferry.spi.SchemaSql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** MariaDB and MySQL statements for a repair script. */
final class MySqlSchemaSql implements SchemaSql {
    private static final Pattern ON_UPDATE = Pattern.compile("(?i) ON UPDATE \\S+");

    /** A check named after its column is MariaDB's column-level check (a JSON column's json_valid): written on the column, as it was. */
    @Override
    public String createTable(Table t) {
        List<String> parts = new ArrayList<>();
        t.columns().forEach(c -> parts.add(columnDefinition(c) + columnCheck(t, c.name()).map(check -> " " + check.definition()).orElse("")));
        t.constraints().stream().filter(c -> !c.isForeignKey() && !isColumnCheck(t, c))
                .forEach(c -> parts.add(c.kind().equals("PRIMARY KEY") ? c.definition() : "CONSTRAINT " + q(c.name()) + " " + c.definition()));
        return "CREATE TABLE " + name(t) + " (\n    " + String.join(",\n    ", parts) + "\n)" + (t.options().isEmpty() ? "" : " " + String.join(" ", t.options()));
    }

    @Override
    public String dropTable(Table t) {
        return "DROP TABLE " + name(t);
    }

    /** In the target's column order, which MariaDB can keep (AFTER) where PostgreSQL cannot. */
    @Override
    public String addColumn(Table t, Column c) {
        int at = t.columns().indexOf(c);
        String position = at == 0 ? " FIRST" : at > 0 ? " AFTER " + q(t.columns().get(at - 1).name()) : "";
        return alter(t) + "ADD COLUMN " + columnDefinition(c) + position;
    }

    @Override
    public String dropColumn(Table t, Column c) {
        return alter(t) + "DROP COLUMN " + q(c.name());
    }

    /** MODIFY COLUMN restates the whole column; it also drops a MariaDB column-level check, put back after. */
    @Override
    public List<String> alterColumn(Table t, Column from, Column to) {
        List<String> sql = new ArrayList<>();
        sql.add(alter(t) + "MODIFY COLUMN " + columnDefinition(to));
        columnCheck(t, to.name()).ifPresent(check -> sql.add(addConstraint(t, check)));
        return sql;
    }

    @Override
    public String addConstraint(Table t, Constraint c) {
        if (c.kind().equals("PRIMARY KEY")) {
            return alter(t) + "ADD " + c.definition();
        }
        // a column's check may already be back from alterColumn
        String ifNotExists = isColumnCheck(t, c) ? "IF NOT EXISTS " : "";
        return alter(t) + "ADD CONSTRAINT " + ifNotExists + q(c.name()) + " " + c.definition();
    }

    @Override
    public String dropConstraint(Table t, Constraint c) {
        return switch (c.kind()) {
            case "FOREIGN KEY" -> alter(t) + "DROP FOREIGN KEY " + q(c.name());
            case "PRIMARY KEY" -> alter(t) + "DROP PRIMARY KEY";
            case "UNIQUE" -> alter(t) + "DROP INDEX " + q(c.name());
            // MariaDB cannot DROP CONSTRAINT a column-level check: restating the column drops it
            default -> isColumnCheck(t, c)
                    ? alter(t) + "MODIFY COLUMN " + columnDefinition(t.column(c.name()).orElseThrow()) + ";\n"
                            + alter(t) + "DROP CONSTRAINT IF EXISTS " + q(c.name())
                    : alter(t) + "DROP CONSTRAINT " + q(c.name());
        };
    }

    @Override
    public String dropIndex(String schema, String relation, Index i) {
        return "DROP INDEX " + q(i.name()) + " ON " + qualified(schema, relation);
    }

    /** Only the data type decides; adding or removing ON UPDATE keeps every value. */
    @Override
    public boolean narrows(String fromType, String toType) {
        String a = ON_UPDATE.matcher(fromType).replaceAll("");
        String b = ON_UPDATE.matcher(toType).replaceAll("");
        return !a.equals(b) && TypeChanges.narrows(a, b);
    }

    /** MariaDB names a column-level check after its column. */
    private static boolean isColumnCheck(Table t, Constraint c) {
        return c.kind().equals("CHECK") && t.column(c.name()).isPresent();
    }

    private static java.util.Optional<Constraint> columnCheck(Table t, String column) {
        return t.constraints().stream().filter(c -> c.kind().equals("CHECK") && c.name().equals(column)).findFirst();
    }

    /** The whole column, its comment included: MODIFY COLUMN drops whatever it does not restate. */
    static String columnDefinition(Column c) {
        StringBuilder sb = new StringBuilder(q(c.name())).append(' ').append(c.type());
        if (c.generated() != null) {
            return sb.append(" GENERATED ALWAYS AS ").append(c.generated()).append(comment(c)).toString();
        }
        // explicit NULL: without it a TIMESTAMP column may become NOT NULL (explicit_defaults_for_timestamp off)
        sb.append(c.nullable() ? " NULL" : " NOT NULL");
        if (c.defaultValue() != null) {
            sb.append(" DEFAULT ").append(c.defaultValue());
        }
        if (c.identity() != null) {
            sb.append(' ').append(c.identity());
        }
        return sb.append(comment(c)).toString();
    }

    private static String comment(Column c) {
        return c.comment() == null ? "" : " COMMENT " + literal(c.comment());
    }

    /** A string literal for the default sql_mode, where a backslash escapes. */
    static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static String alter(Table t) {
        return "ALTER TABLE " + name(t) + " ";
    }

    private static String name(Table t) {
        return qualified(t.schema(), t.name());
    }

    static String qualified(String schema, String name) {
        return schema == null ? q(name) : q(schema) + "." + q(name);
    }

    static String list(List<String> columns) {
        return columns.stream().map(MySqlSchemaSql::q).collect(Collectors.joining(", "));
    }

    static String q(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }
}
