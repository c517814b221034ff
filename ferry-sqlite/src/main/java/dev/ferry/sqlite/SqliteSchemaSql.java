package dev.ferry.sqlite;

import dev.ferry.schema.TypeChanges;
import dev.ferry.schema.model.Column;
import dev.ferry.schema.model.Constraint;
import dev.ferry.schema.model.Index;
import dev.ferry.schema.model.Table;
import dev.ferry.schema.model.Trigger;
import dev.ferry.spi.SchemaSql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * SQLite statements for a repair script. ALTER TABLE can only add and drop columns; every other
 * change rebuilds the table as https://www.sqlite.org/lang_altertable.html describes, so foreign
 * keys are declared inside CREATE TABLE and never added later.
 */
final class SqliteSchemaSql implements SchemaSql {
    /** Numbers, strings, blobs, NULL, TRUE and FALSE: what ADD COLUMN accepts as a default. */
    private static final String CONSTANTS = "[+-]?(\\d+(\\.\\d*)?|\\.\\d+)(e[+-]?\\d+)?|0x[0-9a-f]+|'([^']|'')*'|x'[0-9a-f]*'|null|true|false";
    private static final Pattern CONSTANT = Pattern.compile("(?i)" + CONSTANTS);
    /** Defaults that need no parentheses: the constants and CURRENT_TIME, CURRENT_DATE, CURRENT_TIMESTAMP. */
    private static final Pattern LITERAL = Pattern.compile("(?i)" + CONSTANTS + "|current_time|current_date|current_timestamp");

    /** The order CREATE TABLE lists constraints in, as people write them. */
    private static final List<String> KINDS = List.of("PRIMARY KEY", "UNIQUE", "CHECK", "FOREIGN KEY");

    /**
     * Foreign keys off, so that dropping a rebuilt table neither fails nor cascades into the tables
     * that reference it. SQLite ignores this inside a transaction: the script runs in autocommit,
     * and defer_foreign_keys covers a caller that wraps it in one anyway.
     */
    @Override
    public List<String> preamble() {
        return List.of("PRAGMA foreign_keys = OFF", "PRAGMA defer_foreign_keys = ON");
    }

    @Override
    public String createTable(Table t) {
        List<String> parts = new ArrayList<>();
        t.columns().forEach(c -> parts.add(columnDefinition(c)));
        boolean inlineKey = t.columns().stream().anyMatch(c -> c.identity() != null);
        for (Constraint c : t.constraints().stream().sorted(Comparator.comparing(c -> KINDS.indexOf(c.kind()))).toList()) {
            if (c.kind().equals("CHECK")) {
                parts.add("CONSTRAINT " + q(c.name()) + " " + c.definition());
            } else if (!(inlineKey && c.kind().equals("PRIMARY KEY"))) {
                parts.add(c.definition()); // the other names are made up by the reader
            }
        }
        return "CREATE TABLE " + name(t) + " (\n    " + String.join(",\n    ", parts) + "\n)";
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
        throw new IllegalStateException("SQLite changes column " + t.name() + "." + to.name() + " by rebuilding the table");
    }

    @Override
    public boolean foreignKeysInCreateTable() {
        return true;
    }

    /** Never asked: a table whose keys change is rebuilt, and a new one declares them. */
    @Override
    public String addConstraint(Table t, Constraint c) {
        throw new IllegalStateException("SQLite adds constraint " + c.name() + " by rebuilding table " + t.name());
    }

    /** Never asked: a table whose keys change is rebuilt, and a dropped one takes them along. */
    @Override
    public String dropConstraint(Table t, Constraint c) {
        throw new IllegalStateException("SQLite drops constraint " + c.name() + " by rebuilding table " + t.name());
    }

    @Override
    public String dropIndex(String schema, String relation, Index i) {
        return "DROP INDEX " + qualified(schema, i.name());
    }

    @Override
    public String dropTrigger(Table t, Trigger tr) {
        return "DROP TRIGGER " + qualified(t.schema(), tr.name());
    }

    @Override
    public boolean narrows(String fromType, String toType) {
        return TypeChanges.narrows(fromType, toType);
    }

    /**
     * In place only when columns are added that ADD COLUMN accepts, or dropped (DROP COLUMN,
     * SQLite 3.35+, which sqlite-jdbc bundles); the keys and checks must stay as they are.
     */
    @Override
    public boolean altersInPlace(Table from, Table to) {
        if (!new HashSet<>(from.constraints()).equals(new HashSet<>(to.constraints()))) {
            return false;
        }
        for (Column target : to.columns()) {
            boolean ok = from.column(target.name()).map(target::equals).orElseGet(() -> canAdd(to, target));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** https://www.sqlite.org/lang_altertable.html#alter_table_add_column: no key, no stored expression, a constant default. */
    static boolean canAdd(Table t, Column c) {
        boolean keyed = t.constraints().stream().anyMatch(k -> (k.kind().equals("PRIMARY KEY") || k.kind().equals("UNIQUE"))
                && k.definition().contains(q(c.name())));
        boolean stored = c.generated() != null && c.generated().endsWith("STORED");
        boolean constantDefault = c.defaultValue() == null || CONSTANT.matcher(c.defaultValue()).matches();
        boolean notNullNeedsDefault = !c.nullable() && c.generated() == null
                && (c.defaultValue() == null || c.defaultValue().equalsIgnoreCase("null"));
        return !keyed && !stored && c.identity() == null && constantDefault && !notNullNeedsDefault;
    }

    /**
     * The twelve steps: the target's table under a new name and the rows of the columns both have;
     * then the old table moves aside, the new one takes its name, and the old one is dropped
     * unless the copy came up short; then the target's indexes and triggers, which went with the
     * old table. legacy_alter_table keeps the renames from rewriting the views, triggers and
     * foreign keys that name the table, so they follow the name to the new table. Users run
     * scripts with the sqlite3 shell, which goes on after an error: the copy cannot fail on a row
     * (see {@link #copy}), and {@link #dropUnlessShort} keeps the old rows when it failed as a whole.
     */
    @Override
    public List<String> rebuildTable(Table from, Table to, OptionalLong rowsLeftOut) {
        Table temporary = new Table(to.schema(), "ferry_new_" + to.name(), to.columns(), to.constraints(), to.indexes(), to.triggers(), null);
        Table old = new Table(from.schema(), "ferry_old_" + from.name(), from.columns(), from.constraints(), List.of(), List.of(), null);
        List<String> sql = new ArrayList<>();
        sql.add("DROP TABLE IF EXISTS " + name(temporary)); // left over from a run that stopped half-way
        sql.add(createTable(temporary));
        copy(from, temporary).ifPresent(sql::add);
        sql.add("PRAGMA legacy_alter_table = ON");
        sql.add(alter(from) + "RENAME TO " + q(old.name()));
        sql.add(alter(temporary) + "RENAME TO " + q(to.name()));
        sql.add("PRAGMA legacy_alter_table = OFF");
        sql.addAll(dropUnlessShort(old, temporary, to, rowsLeftOut));
        to.indexes().forEach(i -> sql.add(i.definition()));
        to.triggers().forEach(tr -> sql.add(tr.definition()));
        return sql;
    }

    /**
     * Drops the old table unless the copy came up short: the new table is missing, still has its
     * temporary name, or holds fewer rows than the old one less those the diff counted as left out
     * (when they could not be counted: is empty while the old one has rows). Rows written between
     * the diff and the run that the copy cannot take therefore keep the old table too. Plain SQL has no IF, so the DROP is
     * made to fail: a row of the old table is marked, a guard table references it, and with
     * foreign keys on, DROP TABLE refuses to delete a referenced row (without firing actions, as
     * no other table references ferry_old_*). Inside a caller's transaction foreign_keys cannot
     * change and the guard does nothing, but the transaction can be rolled back there.
     */
    private static List<String> dropUnlessShort(Table old, Table temporary, Table to, OptionalLong rowsLeftOut) {
        String master = qualified(to.schema(), "sqlite_master");
        String exists = "EXISTS (SELECT 1 FROM " + master + " WHERE type = 'table' AND name = ";
        String firstRow = "rowid = (SELECT min(rowid) FROM " + name(old) + ")";
        String mark = "UPDATE " + name(old) + " SET \"ferry_keep\" = 1 WHERE " + firstRow;
        Table guard = new Table(to.schema(), "ferry_guard_" + to.name(), List.of(), List.of(), List.of(), List.of(), null);
        return List.of(
                alter(old) + "ADD COLUMN \"ferry_keep\" INTEGER",
                mark + " AND (NOT " + exists + literal(to.name()) + ") OR " + exists + literal(temporary.name()) + "))",
                mark + " AND " + shortCopy(old, to, rowsLeftOut), // fails, harmlessly, when the table is missing
                "CREATE UNIQUE INDEX " + qualified(to.schema(), "ferry_keep_" + to.name()) + " ON " + q(old.name()) + " (\"ferry_keep\")",
                "CREATE TABLE " + name(guard) + " (\"keep\" INTEGER REFERENCES " + q(old.name()) + " (\"ferry_keep\"))",
                "INSERT INTO " + name(guard) + " SELECT \"ferry_keep\" FROM " + name(old) + " WHERE \"ferry_keep\" IS NOT NULL",
                "PRAGMA foreign_keys = ON",
                "DROP TABLE " + name(old),
                "PRAGMA foreign_keys = OFF",
                "DROP TABLE " + name(guard));
    }

    private static String shortCopy(Table old, Table to, OptionalLong rowsLeftOut) {
        if (rowsLeftOut.isEmpty()) {
            return "NOT EXISTS (SELECT 1 FROM " + name(to) + ")";
        }
        return "(SELECT count(*) FROM " + name(to) + ") < (SELECT count(*) FROM " + name(old) + ") - " + rowsLeftOut.getAsLong();
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /**
     * Copies the rows of the columns both tables have into {@code into}, which has the target's
     * shape. A NULL in a column that becomes NOT NULL with a default gets the default; OR IGNORE
     * leaves out a row that breaks the target's NOT NULL, CHECK, UNIQUE or PRIMARY KEY instead of
     * failing the statement (foreign keys are off while the script runs). Empty when no column is kept.
     */
    Optional<String> copy(Table from, Table into) {
        List<Column> kept = into.columns().stream().filter(c -> c.generated() == null && from.column(c.name()).isPresent()).toList();
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        String columns = kept.stream().map(c -> q(c.name())).collect(Collectors.joining(", "));
        String values = kept.stream().map(c -> fillsNull(from.column(c.name()).orElseThrow(), c)
                ? "COALESCE(" + q(c.name()) + ", " + defaultExpression(c.defaultValue()) + ")" : q(c.name())).collect(Collectors.joining(", "));
        return Optional.of("INSERT OR IGNORE INTO " + name(into) + " (" + columns + ") SELECT " + values + " FROM " + name(from));
    }

    /** A column that allowed NULL and has NOT NULL with a default in the target. */
    private static boolean fillsNull(Column current, Column target) {
        return current.nullable() && !target.nullable() && target.identity() == null
                && target.defaultValue() != null && !target.defaultValue().equalsIgnoreCase("null");
    }

    static String columnDefinition(Column c) {
        StringBuilder sb = new StringBuilder(q(c.name()));
        if (!c.type().isEmpty()) {
            sb.append(' ').append(c.type());
        }
        if (c.identity() != null) {
            sb.append(" PRIMARY KEY ").append(c.identity()); // AUTOINCREMENT is only allowed on the column
        }
        if (c.generated() != null) {
            sb.append(" GENERATED ALWAYS AS ").append(c.generated());
        }
        if (!c.nullable()) {
            sb.append(" NOT NULL");
        }
        if (c.defaultValue() != null) {
            sb.append(" DEFAULT ").append(defaultExpression(c.defaultValue()));
        }
        return sb.toString();
    }

    /** The pragmas print an expression default without the parentheses it needs. */
    static String defaultExpression(String value) {
        return LITERAL.matcher(value).matches() ? value : "(" + value + ")";
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

    static String q(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
