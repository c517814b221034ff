package dev.ferry.copy.out;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The plan of a copy out of PostgreSQL: per source table its columns in the target's types, in an
 * order that puts referenced tables first. Everything the target cannot represent is gathered
 * first and refused in one error before anything is written, naming every table.column with its
 * type; what is copied in a weaker form (a default that does not translate, an index on an
 * expression, a check constraint) is said in the notes.
 */
public final class OutPlans {
    private OutPlans() {
    }

    /**
     * @param quote  the source's identifier quoting, for the queries that measure numeric columns
     * @param target the database written to, whose name the messages use
     */
    public static List<OutTable> of(Connection src, List<PgTable> tables, OutTarget target, String targetName, UnaryOperator<String> quote,
                                    Consumer<String> note) throws SQLException {
        List<String> refused = new ArrayList<>();
        refuseCollisionsAndLongNames(tables, target, refused);
        Set<String> copied = new LinkedHashSet<>();
        tables.forEach(t -> copied.add(t.name()));
        Map<String, OutTable> plans = new LinkedHashMap<>();
        for (PgTable t : tables) {
            Set<String> keyed = keyed(t);
            Map<String, OutTypes.NumericDigits> digits = target == OutTarget.MARIADB ? unboundedNumerics(src, t, quote) : Map.of();
            List<OutTable.OutColumn> columns = new ArrayList<>();
            for (PgColumn c : t.columns()) {
                if (c.generated()) {
                    note.accept(t.label() + "." + c.name() + " is a generated column (PostgreSQL's expression): its values are not copied and it is left out");
                    continue;
                }
                try {
                    OutType type = OutTypes.map(c, target, keyed.contains(c.name()), digits.get(c.name()));
                    columns.add(column(t, c, type, target, note));
                } catch (OutTypes.Refused e) {
                    refused.add(t.label() + "." + c.name() + " (" + c.type() + ": " + e.getMessage() + ")");
                }
            }
            t.leftOut().forEach(what -> note.accept(t.label() + ": " + what + " is not copied"));
            List<PgTable.ForeignKey> fks = new ArrayList<>();
            for (PgTable.ForeignKey fk : t.foreignKeys()) {
                if (copied.contains(fk.referencedTable())) {
                    fks.add(fk);
                } else {
                    note.accept(t.label() + ": the foreign key on " + String.join(", ", fk.columns()) + " refers to " + fk.referencedTable()
                            + ", which this copy leaves out, and is not copied");
                }
            }
            plans.put(t.name(), new OutTable(t, columns, fks));
        }
        if (!refused.isEmpty()) {
            throw new FerryException(ErrorCode.UNSUPPORTED, targetName + " has no type for " + (refused.size() == 1 ? "this column" : "these "
                    + refused.size() + " columns") + " of the source: " + String.join("; ", refused) + "; nothing was written",
                    "leave those tables out (ferry copy --schema-only --tables the others, then --data-only --tables the same), or change the"
                            + " columns in the source to a type both databases share (text, jsonb, numeric(p,s))", null);
        }
        return parentsFirst(plans);
    }

    private static OutTable.OutColumn column(PgTable t, PgColumn c, OutType type, OutTarget target, Consumer<String> note) {
        boolean identity = c.identity() && type.kind() == OutType.Kind.INTEGER && t.primaryKey().equals(List.of(c.name()));
        if (c.identity() && !identity) {
            note.accept(t.label() + "." + c.name() + " takes its values from a sequence, but is not the table's one-column key: copied as a plain column");
        }
        String defaultValue = identity ? null : OutDefaults.of(c.defaultSql(), type, target);
        if (!identity && !c.identity() && c.defaultSql() != null && defaultValue == null && !c.defaultSql().equalsIgnoreCase("null")) {
            note.accept(t.label() + "." + c.name() + ": its default " + c.defaultSql() + " is PostgreSQL's SQL and is not copied");
        }
        return new OutTable.OutColumn(c, type, identity, defaultValue);
    }

    /** The columns of the key, unique constraints and indexes: MariaDB holds at most 3072 bytes of each in an index. */
    private static Set<String> keyed(PgTable t) {
        Set<String> keyed = new LinkedHashSet<>(t.primaryKey());
        t.uniques().forEach(keyed::addAll);
        t.indexes().forEach(keyed::addAll);
        t.foreignKeys().forEach(fk -> keyed.addAll(fk.columns()));
        return keyed;
    }

    private static void refuseCollisionsAndLongNames(List<PgTable> tables, OutTarget target, List<String> refused) {
        Map<String, String> names = new HashMap<>();
        List<String> collisions = new ArrayList<>();
        for (PgTable t : tables) {
            String other = names.putIfAbsent(t.name().toLowerCase(java.util.Locale.ROOT), t.label());
            if (other != null) {
                collisions.add(other + " and " + t.label());
            }
            if (t.name().length() > target.maxIdentifier) {
                refused.add(t.label() + " (a table name of " + t.name().length() + " characters; the target takes " + target.maxIdentifier + ")");
            }
            t.columns().stream().filter(c -> c.name().length() > target.maxIdentifier).forEach(c -> refused.add(t.label() + "." + c.name()
                    + " (a column name of " + c.name().length() + " characters; the target takes " + target.maxIdentifier + ")"));
        }
        if (!collisions.isEmpty()) {
            throw new FerryException(ErrorCode.UNSUPPORTED, "the target has one namespace for tables, and these tables of different schemas have one name"
                    + " (letter case aside): " + String.join("; ", collisions) + "; nothing was written",
                    "copy one schema's tables at a time with --tables, into separate databases", null);
        }
    }

    /** For MariaDB, the widest value of each numeric column without precision, read in the snapshot: it decides whether DECIMAL(65,30) holds them. */
    private static Map<String, OutTypes.NumericDigits> unboundedNumerics(Connection src, PgTable t, UnaryOperator<String> quote) throws SQLException {
        List<PgColumn> unbounded = t.columns().stream().filter(c -> c.type().equals("numeric") && !c.generated()).toList();
        Map<String, OutTypes.NumericDigits> digits = new HashMap<>();
        if (unbounded.isEmpty()) {
            return digits;
        }
        List<String> measures = new ArrayList<>();
        for (PgColumn c : unbounded) {
            String q = quote.apply(c.name());
            measures.add("coalesce(max(scale(" + q + ")) FILTER (WHERE " + q + " <> 'NaN'), 0)");
            measures.add("coalesce(max(length(trunc(abs(" + q + "))::text)) FILTER (WHERE " + q + " <> 'NaN'), 0)");
            measures.add("coalesce(bool_or(" + q + " = 'NaN'), false)");
        }
        try (Statement s = src.createStatement(); ResultSet r = s.executeQuery("SELECT " + String.join(", ", measures) + " FROM "
                + quote.apply(t.schema()) + "." + quote.apply(t.name()))) {
            r.next();
            for (int i = 0; i < unbounded.size(); i++) {
                digits.put(unbounded.get(i).name(), new OutTypes.NumericDigits(r.getInt(3 * i + 2), r.getInt(3 * i + 1), r.getBoolean(3 * i + 3)));
            }
        }
        return digits;
    }

    /** Referenced tables before the tables that refer to them (cycles and self-references as they come). */
    private static List<OutTable> parentsFirst(Map<String, OutTable> plans) {
        List<OutTable> ordered = new ArrayList<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (OutTable p : plans.values()) {
            visit(p, plans, visiting, ordered);
        }
        return ordered;
    }

    private static void visit(OutTable p, Map<String, OutTable> plans, Set<String> visiting, List<OutTable> ordered) {
        if (!visiting.add(p.name())) {
            return;
        }
        for (PgTable.ForeignKey fk : p.foreignKeys()) {
            OutTable parent = plans.get(fk.referencedTable());
            if (parent != null) {
                visit(parent, plans, visiting, ordered);
            }
        }
        ordered.add(p);
    }
}
