package dev.ferry.sqlite;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
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
import java.util.regex.Matcher;
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

    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"]|\"\")*)\"");

    /** Table options, written after CREATE TABLE's parenthesis in this order (https://www.sqlite.org/lang_createtable.html). */
    static final String WITHOUT_ROWID = "WITHOUT ROWID";
    static final String STRICT = "STRICT";

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
        String options = t.options().isEmpty() ? "" : " " + String.join(", ", t.options());
        return "CREATE TABLE " + name(t) + " (\n    " + String.join(",\n    ", parts) + "\n)" + options;
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
     * SQLite 3.35+, which sqlite-jdbc bundles); the keys, checks and table options (WITHOUT ROWID,
     * STRICT, which no ALTER changes) must stay as they are.
     */
    @Override
    public boolean altersInPlace(Table from, Table to) {
        if (!new HashSet<>(from.constraints()).equals(new HashSet<>(to.constraints()))
                || !new HashSet<>(from.options()).equals(new HashSet<>(to.options()))) {
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
        Table temporary = to.renamed(to.schema(), "ferry_new_" + to.name()); // with WITHOUT ROWID and STRICT
        Table old = from.renamed(from.schema(), "ferry_old_" + from.name());
        List<String> sql = new ArrayList<>();
        sql.add("DROP TABLE IF EXISTS " + name(temporary)); // left over from a run that stopped half-way
        sql.add(createTable(temporary));
        copy(from, temporary).ifPresent(sql::add);
        sql.add("PRAGMA legacy_alter_table = ON");
        sql.add(alter(from) + "RENAME TO " + q(old.name()));
        sql.add(alter(temporary) + "RENAME TO " + q(to.name()));
        sql.add("PRAGMA legacy_alter_table = OFF");
        sql.addAll(dropUnlessShort(from, old, temporary, to, rowsLeftOut));
        to.indexes().forEach(i -> sql.add(i.definition()));
        to.triggers().forEach(tr -> sql.add(tr.definition()));
        return sql;
    }

    /**
     * Drops the old table unless the copy came up short: the new table is missing, still has its
     * temporary name, or holds fewer rows than the old one less those the diff counted as left out
     * (when they could not be counted: is empty while the old one has rows). Rows written between
     * the diff and the run that the copy cannot take therefore keep the old table too.
     *
     * <p>Two guards, because plain SQL has no IF. Inside a transaction (a diff script saved as a
     * migration, or wrapped in BEGIN … COMMIT) an INSERT that breaks a CHECK named after the short
     * copy fails, and OR ROLLBACK rolls the whole transaction back, so the sqlite3 shell cannot go
     * on to commit the DROP. In autocommit that INSERT fails alone and the shell goes on, so the
     * DROP itself is made to fail: a row of the old table is marked, a guard table references it,
     * and with foreign keys on (a pragma SQLite ignores inside a transaction) DROP TABLE refuses
     * to delete a referenced row, without firing actions, as no other table references ferry_old_*.
     * The old table's triggers went with it under the rename and are dropped first: one that
     * refuses updates would stop the mark, an audit trigger would record it; the target's
     * triggers are created afterwards.
     */
    private static List<String> dropUnlessShort(Table from, Table old, Table temporary, Table to, OptionalLong rowsLeftOut) {
        String master = qualified(to.schema(), "sqlite_master");
        String exists = "EXISTS (SELECT 1 FROM " + master + " WHERE type = 'table' AND name = ";
        String missing = "(NOT " + exists + literal(to.name()) + ") OR " + exists + literal(temporary.name()) + "))";
        String mark = "UPDATE " + name(old) + " SET \"ferry_keep\" = 1 WHERE " + oneRow(old);
        Table guard = new Table(to.schema(), "ferry_guard_" + to.name(), List.of(), List.of(), List.of(), List.of(), null);
        String check = qualified("temp", "ferry_copy_short_" + to.name());
        List<String> sql = new ArrayList<>();
        from.triggers().forEach(tr -> sql.add("DROP TRIGGER IF EXISTS " + qualified(from.schema(), tr.name())));
        sql.add(comment("fails, and rolls back a transaction, when the copy of " + to.name() + " came up short")
                + "CREATE TEMP TABLE " + check + " (\"ok\" INTEGER CONSTRAINT " + q("the copy of " + to.name() + " came up short")
                + " CHECK (\"ok\" IS 1))");
        sql.add("INSERT OR ROLLBACK INTO " + check + " SELECT NOT (" + missing + " OR " + shortCopy(old, to, rowsLeftOut) + ")");
        sql.add(comment("outside a transaction, a marked row of " + old.name() + " makes its DROP fail when the copy came up short")
                + alter(old) + "ADD COLUMN \"ferry_keep\" INTEGER");
        sql.add(mark + " AND (" + missing + ")");
        sql.add(mark + " AND " + shortCopy(old, to, rowsLeftOut)); // fails, harmlessly, when the table is missing
        sql.add("CREATE UNIQUE INDEX " + qualified(to.schema(), "ferry_keep_" + to.name()) + " ON " + q(old.name()) + " (\"ferry_keep\")");
        sql.add("CREATE TABLE " + name(guard) + " (\"keep\" INTEGER REFERENCES " + q(old.name()) + " (\"ferry_keep\"))");
        sql.add("INSERT INTO " + name(guard) + " SELECT \"ferry_keep\" FROM " + name(old) + " WHERE \"ferry_keep\" IS NOT NULL");
        sql.add("PRAGMA foreign_keys = ON");
        sql.add("DROP TABLE " + name(old));
        sql.add("PRAGMA foreign_keys = OFF");
        sql.add("DROP TABLE " + name(guard));
        sql.add("DROP TABLE " + check);
        return sql;
    }

    /**
     * A condition one row of the table meets: its primary key when every key column is NOT NULL
     * (always so in a WITHOUT ROWID table, which has no rowid), else its rowid (then the table has
     * one, as a WITHOUT ROWID table always has a primary key). BINARY, so that a collation the
     * application registers and the sqlite3 shell lacks cannot fail the mark.
     */
    static String oneRow(Table t) {
        List<String> key = t.constraints().stream().filter(c -> c.kind().equals("PRIMARY KEY")).findFirst()
                .map(c -> quotedNames(c.definition())).orElse(List.of());
        boolean keyNotNull = !key.isEmpty() && key.stream().allMatch(k -> t.column(k).map(c -> !c.nullable()).orElse(false));
        if (!keyNotNull) {
            String rowid = rowidName(t);
            return rowid + " = (SELECT min(" + rowid + ") FROM " + name(t) + ")";
        }
        String columns = key.stream().map(SqliteSchemaSql::q).collect(Collectors.joining(", "));
        String binary = key.stream().map(k -> q(k) + " COLLATE BINARY").collect(Collectors.joining(", "));
        return "(" + binary + ") = (SELECT " + columns + " FROM " + name(t) + " LIMIT 1)";
    }

    /**
     * The name under which the table's rowid answers: a column called {@code rowid} hides it, so
     * {@code oid} or {@code _rowid_} then (https://www.sqlite.org/lang_createtable.html#rowid).
     */
    static String rowidName(Table t) {
        for (String name : List.of("rowid", "oid", "_rowid_")) {
            if (t.columns().stream().noneMatch(c -> c.name().equalsIgnoreCase(name))) {
                return name;
            }
        }
        throw new FerryException(ErrorCode.UNSUPPORTED, "table " + t.name() + " has columns named rowid, oid and _rowid_ and no NOT NULL primary key,"
                + " so a rebuild script cannot name one of its rows to keep the old table from being dropped when the copy comes up short",
                "rename one of those columns, or give the table a NOT NULL primary key, then run ferry diff again");
    }

    /** The identifiers {@link #q} quoted in a constraint's definition, in order. */
    private static List<String> quotedNames(String definition) {
        List<String> names = new ArrayList<>();
        Matcher m = QUOTED.matcher(definition);
        while (m.find()) {
            names.add(m.group(1).replace("\"\"", "\""));
        }
        return names;
    }

    private static String shortCopy(Table old, Table to, OptionalLong rowsLeftOut) {
        if (rowsLeftOut.isEmpty()) {
            return "(NOT EXISTS (SELECT 1 FROM " + name(to) + ") AND EXISTS (SELECT 1 FROM " + name(old) + "))";
        }
        return "(SELECT count(*) FROM " + name(to) + ") < (SELECT count(*) FROM " + name(old) + ") - " + rowsLeftOut.getAsLong();
    }

    /** A comment line before a statement; a line break in a table's name must not end it early. */
    private static String comment(String text) {
        return "-- " + text.replaceAll("[\\r\\n]+", " ") + "\n";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /**
     * Copies the rows of the columns both tables have into {@code into}, which has the target's
     * shape. A NULL in a column that becomes NOT NULL with a default gets the default; OR IGNORE
     * leaves out a row that breaks the target's NOT NULL, CHECK, UNIQUE or PRIMARY KEY instead of
     * failing the statement (foreign keys are off while the script runs). OR IGNORE does not cover
     * a STRICT table's type error, which fails the whole INSERT: into a STRICT table, a WHERE
     * leaves out the rows with a value of the wrong type ({@link #fitsStrict}). Empty when no
     * column is kept.
     */
    Optional<String> copy(Table from, Table into) {
        List<Column> kept = into.columns().stream().filter(c -> c.generated() == null && from.column(c.name()).isPresent()).toList();
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        String columns = kept.stream().map(c -> q(c.name())).collect(Collectors.joining(", "));
        List<String> values = kept.stream().map(c -> c.fillsNullsOf(from.column(c.name()).orElseThrow())
                ? "COALESCE(" + q(c.name()) + ", " + defaultExpression(c.defaultValue()) + ")" : q(c.name())).toList();
        List<String> fits = new ArrayList<>();
        if (into.hasOption(STRICT)) {
            for (int i = 0; i < kept.size(); i++) {
                String fit = fitsStrict(baseType(kept.get(i)), values.get(i));
                if (fit != null) {
                    fits.add(fit);
                }
            }
        }
        return Optional.of("INSERT OR IGNORE INTO " + name(into) + " (" + columns + ") SELECT " + String.join(", ", values) + " FROM " + name(from)
                + (fits.isEmpty() ? "" : " WHERE " + String.join(" AND ", fits)));
    }

    /**
     * Whether a STRICT column of {@code type} takes {@code value}: SQLite first applies the type's
     * affinity, then refuses what is not of the type (https://www.sqlite.org/stricttables.html).
     * Unary + strips the source column's affinity; comparing with CAST … AS NUMERIC applies numeric
     * affinity, so text equals its cast only when all of it reads as a number. An INTEGER column
     * takes a REAL that is a whole number inside the 64-bit range, the lowest one excepted.
     * Null for ANY, which takes everything.
     */
    static String fitsStrict(String type, String value) {
        String v = "+" + value;
        String numeric = "CAST(" + v + " AS NUMERIC)";
        return switch (type) {
            case "INT", "INTEGER" -> "(" + v + " IS NULL OR (typeof(" + v + ") <> 'blob' AND " + numeric + " = " + v + " AND (typeof(" + numeric
                    + ") = 'integer' OR (CAST(" + numeric + " AS INTEGER) = " + numeric + " AND " + numeric + " > -9223372036854775808))))";
            case "REAL" -> "(" + v + " IS NULL OR typeof(" + v + ") IN ('integer', 'real') OR (typeof(" + v + ") = 'text' AND " + numeric + " = " + v + "))";
            case "TEXT" -> "typeof(" + v + ") <> 'blob'";
            case "BLOB" -> "typeof(" + v + ") IN ('blob', 'null')";
            default -> null;
        };
    }

    /** The type's name without a COLLATE the reader adds, upper case: a STRICT column's INT, INTEGER, REAL, TEXT, BLOB or ANY. */
    private static String baseType(Column c) {
        String[] words = c.type().strip().split("\\s+", 2);
        return words[0].toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * Into a STRICT table, values of a type the column did not check before may be refused: the
     * table becomes STRICT, or a column kept changes its type.
     */
    @Override
    public boolean rejectsValues(Table from, Table to) {
        if (!to.hasOption(STRICT)) {
            return false;
        }
        return !from.hasOption(STRICT) || to.columns().stream()
                .anyMatch(c -> c.generated() == null && from.column(c.name()).map(f -> !baseType(f).equals(baseType(c))).orElse(false));
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
