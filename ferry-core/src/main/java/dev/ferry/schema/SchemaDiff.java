package dev.ferry.schema;

import dev.ferry.schema.SchemaChange.Phase;
import dev.ferry.schema.model.Column;
import dev.ferry.schema.model.ColumnRef;
import dev.ferry.schema.model.Comment;
import dev.ferry.schema.model.Constraint;
import dev.ferry.schema.model.Domain;
import dev.ferry.schema.model.EnumType;
import dev.ferry.schema.model.Extension;
import dev.ferry.schema.model.Index;
import dev.ferry.schema.model.Ownership;
import dev.ferry.schema.model.Partitioning;
import dev.ferry.schema.model.Policy;
import dev.ferry.schema.model.Routine;
import dev.ferry.schema.model.RowSecurity;
import dev.ferry.schema.model.SchemaModel;
import dev.ferry.schema.model.Sequence;
import dev.ferry.schema.model.Table;
import dev.ferry.schema.model.Trigger;
import dev.ferry.schema.model.View;
import dev.ferry.spi.SchemaInspection.RebuildRows;
import dev.ferry.spi.SchemaSql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The changes that turn schema {@code from} into schema {@code to}, in dependency order: types
 * before tables, tables before foreign keys, views dropped before the columns they read change and
 * created again afterwards. The dialect's {@link SchemaSql} writes each statement.
 */
public final class SchemaDiff {
    private final SchemaSql sql;
    private final List<SchemaChange> changes = new ArrayList<>();
    /** Columns ("schema.table.column") whose type changes, which PostgreSQL refuses while a view reads them. */
    private final Set<String> reshapedColumns = new HashSet<>();
    /** The RETURNS line of a routine's definition, as pg_get_functiondef prints it. */
    private static final Pattern RETURNS = Pattern.compile("(?m)^\\s*RETURNS\\s+(.*)$");
    /** Routines dropped before a recreated enum they take or return: created again whether or not they differ. */
    private final Map<String, String> routinesDroppedEarly = new HashMap<>();
    /** The target's tables, where an ATTACH finds the parent whose constraints and indexes it adopts. */
    private Map<String, Table> targetTables = Map.of();

    private final LiveRows live;

    /** What the live {@code from} database says about the rows of a table to rebuild. */
    @FunctionalInterface
    public interface LiveRows {
        /** For a {@code from} side that is not a live database (a shadow has no rows to count). */
        LiveRows UNKNOWN = (from, to) -> Optional.empty();

        Optional<RebuildRows> rebuild(Table from, Table to);
    }

    private SchemaDiff(SchemaSql sql, LiveRows live) {
        this.sql = sql;
        this.live = live;
    }

    public static List<SchemaChange> between(SchemaModel from, SchemaModel to, SchemaSql sql) {
        return between(from, to, sql, LiveRows.UNKNOWN);
    }

    /** As {@link #between(SchemaModel, SchemaModel, SchemaSql)}, counting on the live {@code from} the rows a rebuild leaves out. */
    public static List<SchemaChange> between(SchemaModel from, SchemaModel to, SchemaSql sql, LiveRows live) {
        SchemaDiff d = new SchemaDiff(sql, live);
        d.compare(from, to);
        d.changes.sort(Comparator.comparing(SchemaChange::phase));
        return d.changes;
    }

    private void compare(SchemaModel from, SchemaModel to) {
        compareSchemas(from, to);
        compareExtensions(from, to);
        compareEnums(from, to);
        compareDomains(from, to);
        compareSequences(from, to);
        compareTables(from, to);
        comparePolicies(from, to);
        compareRoutines(from, to);
        compareViews(from, to);
        compareComments(from, to);
        compareOwners(from, to);
    }

    private void compareSchemas(SchemaModel from, SchemaModel to) {
        to.schemas().stream().filter(s -> !from.schemas().contains(s))
                .forEach(s -> add(Phase.CREATE_SCHEMAS, "schema " + s, "missing", sql.createSchema(s), false));
        from.schemas().stream().filter(s -> !to.schemas().contains(s))
                .forEach(s -> add(Phase.DROP_SCHEMAS, "schema " + s, "not in the target", sql.dropSchema(s), true));
    }

    private void compareExtensions(SchemaModel from, SchemaModel to) {
        Map<String, Extension> a = byKey(from.extensions(), Extension::name);
        Map<String, Extension> b = byKey(to.extensions(), Extension::name);
        b.values().stream().filter(e -> !a.containsKey(e.name()))
                .forEach(e -> add(Phase.CREATE_SCHEMAS, "extension " + e.name(), "missing", sql.createExtension(e), false));
        a.values().stream().filter(e -> !b.containsKey(e.name()))
                .forEach(e -> add(Phase.DROP_SCHEMAS, "extension " + e.name(), "not in the target", sql.dropExtension(e), true));
    }

    private void compareEnums(SchemaModel from, SchemaModel to) {
        Map<String, EnumType> a = byKey(from.enums(), EnumType::key);
        for (EnumType target : to.enums()) {
            EnumType current = a.get(target.key());
            String object = "enum " + target.key();
            if (current == null) {
                add(Phase.TYPES, object, "missing", sql.createEnum(target), false);
            } else if (!current.values().equals(target.values())) {
                List<String> additions = sql.addEnumValues(current, target);
                if (!additions.isEmpty()) {
                    add(Phase.ENUM_LABELS, object, "values " + current.values() + " -> " + target.values(), join(additions), false);
                } else {
                    current.usedBy().forEach(c -> reshapedColumns.add(c.toString()));
                    dropRoutinesTaking(from, current);
                    Map<String, String> defaults = new HashMap<>();
                    current.usedBy().forEach(c -> to.table(c.tableKey()).flatMap(t -> t.column(c.column()))
                            .ifPresent(col -> defaults.put(c.toString(), col.defaultValue())));
                    add(Phase.TYPES, object, "values " + current.values() + " -> " + target.values() + ", type recreated",
                            join(sql.recreateEnum(current, target, defaults)), true);
                }
            }
        }
        Map<String, EnumType> b = byKey(to.enums(), EnumType::key);
        from.enums().stream().filter(e -> !b.containsKey(e.key()))
                .forEach(e -> add(Phase.DROP_TYPES, "enum " + e.key(), "not in the target", sql.dropEnum(e), false));
    }

    /**
     * A function whose arguments or result are of a recreated enum would keep the old type, which
     * then cannot be dropped: it goes first and is created again afterwards.
     */
    private void dropRoutinesTaking(SchemaModel from, EnumType e) {
        for (Routine r : from.routines()) {
            if (names(r.signature(), e.name()) || names(returns(r), e.name())) {
                routinesDroppedEarly.put(r.key(), "enum " + e.key());
                add(Phase.DROP_DEPENDENT_ROUTINES, r.kind() + " " + r.key(), "recreated: takes or returns enum " + e.key() + ", which is recreated",
                        sql.dropRoutine(r), false);
            }
        }
    }

    /** The RETURNS clause of a routine's definition, empty when it has none. */
    private static String returns(Routine r) {
        Matcher m = RETURNS.matcher(r.definition());
        return m.find() ? m.group(1) : "";
    }

    private void compareDomains(SchemaModel from, SchemaModel to) {
        Map<String, Domain> a = byKey(from.domains(), Domain::key);
        for (Domain target : to.domains()) {
            Domain current = a.get(target.key());
            if (current == null) {
                add(Phase.TYPES, "domain " + target.key(), "missing", sql.createDomain(target), false);
            } else if (!current.equals(target)) {
                List<String> alter = sql.alterDomain(current, target);
                add(Phase.TYPES, "domain " + target.key(), "definition differs", alter.isEmpty()
                        ? "-- change domain " + target.key() + " by hand: its base type differs (" + current.baseType() + " -> " + target.baseType() + ")"
                        : join(alter), false);
            }
        }
        Map<String, Domain> b = byKey(to.domains(), Domain::key);
        from.domains().stream().filter(d -> !b.containsKey(d.key()))
                .forEach(d -> add(Phase.DROP_TYPES, "domain " + d.key(), "not in the target", sql.dropDomain(d), false));
    }

    private void compareSequences(SchemaModel from, SchemaModel to) {
        Map<String, Sequence> a = byKey(from.sequences(), Sequence::key);
        for (Sequence target : to.sequences()) {
            Sequence current = a.get(target.key());
            String object = "sequence " + target.key();
            if (current == null) {
                add(Phase.SEQUENCES, object, "missing", sql.createSequence(target), false);
            } else if (!current.sameOptions(target)) {
                add(Phase.SEQUENCES, object, "options differ", sql.alterSequence(target), false);
            }
            if ((current == null && target.ownedBy() != null) || (current != null && !Objects.equals(current.ownedBy(), target.ownedBy()))) {
                add(Phase.SEQUENCE_OWNERS, object, current == null ? "owner missing" : "owner differs", sql.sequenceOwner(target), false);
            }
        }
        Map<String, Sequence> b = byKey(to.sequences(), Sequence::key);
        from.sequences().stream().filter(s -> !b.containsKey(s.key()))
                .forEach(s -> add(Phase.DROP_SEQUENCES, "sequence " + s.key(), "not in the target", sql.dropSequence(s), false));
    }

    private void compareTables(SchemaModel from, SchemaModel to) {
        Map<String, Table> a = from.tablesByKey();
        Map<String, Table> b = to.tablesByKey();
        targetTables = b;
        // partitioned tables before their partitions
        List<Table> creates = to.tables().stream().filter(t -> !a.containsKey(t.key()))
                .sorted(Comparator.comparing(Table::isPartition)).toList();
        creates.forEach(this::createTable);
        for (Table target : to.tables()) {
            Table current = a.get(target.key());
            if (current != null) {
                compareTable(current, target);
            }
        }
        for (Table t : from.tables()) {
            if (!b.containsKey(t.key())) {
                if (!sql.foreignKeysInCreateTable()) {
                    t.constraints().stream().filter(Constraint::isForeignKey).forEach(fk -> dropConstraint(t, fk, "not in the target"));
                }
                boolean parentDropped = t.isPartition() && !b.containsKey(t.partitioning().parent());
                if (!parentDropped) {
                    add(Phase.DROP_TABLES, "table " + t.key(), "not in the target", sql.dropTable(t), true);
                }
            }
        }
    }

    private void createTable(Table t) {
        List<String> statements = new ArrayList<>(List.of(sql.createTable(t)));
        if (!t.rowSecurity().equals(RowSecurity.NONE)) {
            statements.addAll(sql.alterRowSecurity(t, RowSecurity.NONE, t.rowSecurity()));
        }
        add(Phase.TABLES, "table " + t.key(), "missing", join(statements), false);
        t.rowSecurity().policies().forEach(p -> add(Phase.CREATE_POLICIES, policyName(t, p), "missing", sql.createPolicy(t, p), false));
        t.indexes().forEach(i -> add(Phase.ADD_INDEXES, "index " + indexKey(t.schema(), i), "missing", sql.createIndex(t, i), false));
        if (!sql.foreignKeysInCreateTable()) {
            t.constraints().stream().filter(Constraint::isForeignKey).forEach(fk -> addConstraint(t, fk, "missing"));
        }
        t.triggers().forEach(tr -> add(Phase.CREATE_TRIGGERS, "trigger " + t.key() + "." + tr.name(), "missing", sql.createTrigger(t, tr), false));
    }

    private void compareTable(Table from, Table to) {
        if (!sql.altersInPlace(from, to)) {
            rebuild(from, to);
            return;
        }
        boolean membershipChanges = !Partitioning.sameMembership(from.partitioning(), to.partitioning());
        if (membershipChanges && from.isPartition()) {
            add(Phase.DETACH_PARTITIONS, "table " + to.key(), "partition of " + from.partitioning().parent() + " "
                    + from.partitioning().bound() + (to.isPartition() ? "" : "; a table of its own in the target"), sql.detachPartition(from), false);
        }
        List<Column> regenerated = generatedOverRetyped(from, to);
        regenerated.forEach(g -> reshapedColumns.add(to.key() + "." + g.name()));
        recreateIndexesOver(from, to, regenerated);
        regenerated.forEach(g -> add(Phase.COLUMNS, "column " + to.key() + "." + g.name(), "recreated: its expression reads a column whose type changes",
                sql.dropColumn(from, g), false));
        for (Column target : to.columns()) {
            from.column(target.name()).ifPresentOrElse(current -> {
                if (regenerated.stream().noneMatch(g -> g.name().equals(target.name()))) {
                    compareColumn(to, current, target);
                }
            }, () -> add(Phase.COLUMNS, "column " + to.key() + "." + target.name(), "missing", sql.addColumn(to, target), false));
        }
        regenerated.forEach(g -> add(Phase.COLUMNS, "column " + to.key() + "." + g.name(), "recreated: its expression reads a column whose type changes",
                sql.addColumn(to, to.column(g.name()).orElseThrow()), false));
        for (Column c : from.columns()) {
            if (to.column(c.name()).isEmpty()) {
                add(Phase.DROP_COLUMNS, "column " + from.key() + "." + c.name(), "not in the target", sql.dropColumn(from, c), true);
            }
        }
        if (from.unlogged() != to.unlogged()) {
            // an UNLOGGED table is truncated by crash recovery: turning one UNLOGGED risks its rows
            add(Phase.COLUMNS, "table " + to.key(), to.unlogged() ? "UNLOGGED in the target (emptied after a crash, not copied to standbys)"
                    : "logged in the target", sql.setLogged(to), to.unlogged());
        }
        if (from.rowSecurity().enabled() != to.rowSecurity().enabled() || from.rowSecurity().forced() != to.rowSecurity().forced()) {
            add(Phase.COLUMNS, "table " + to.key(), "row-level security " + security(from.rowSecurity()) + " -> " + security(to.rowSecurity()),
                    join(sql.alterRowSecurity(to, from.rowSecurity(), to.rowSecurity())), false);
        }
        if (membershipChanges && to.isPartition()) {
            // ATTACH adopts the table's constraints and indexes that match the parent's, and clones the parent's triggers
            add(Phase.ATTACH_PARTITIONS, "table " + to.key(), (from.isPartition() ? "" : "a table of its own; ") + "partition of "
                    + to.partitioning().parent() + " " + to.partitioning().bound() + " in the target", sql.attachPartition(to), false);
            Table parent = targetTables.get(to.partitioning().parent());
            compareConstraints(from, to, c -> parent == null || parent.constraints().stream()
                    .noneMatch(p -> p.kind().equals(c.kind()) && p.definition().equals(c.definition())));
            compareIndexes(from.schema(), from.name(), from.indexes(), to.indexes(), i -> sql.createIndex(to, i),
                    i -> parent == null || parent.indexes().stream().noneMatch(p -> sameShape(p, i)));
            compareTriggers(from, to);
            return;
        }
        // a DETACH leaves what the partition had from its parent as the table's own
        List<String> detachLeaves = membershipChanges && from.isPartition() ? from.partitioning().inherited() : List.of();
        compareConstraints(withInherited(from, to, detachLeaves), to, c -> true);
        compareIndexes(withInheritedIndexes(from, to, detachLeaves), to);
        compareTriggers(from, to);
    }

    /** Indexes both sides have alike over a generated column that is dropped and added again, which takes them along. */
    private void recreateIndexesOver(Table from, Table to, List<Column> regenerated) {
        for (Index i : to.indexes()) {
            boolean same = from.indexes().contains(i);
            if (same && regenerated.stream().anyMatch(g -> names(i.definition(), g.name()))) {
                add(Phase.DROP_INDEXES, "index " + indexKey(from.schema(), i), "recreated: reads a generated column that is recreated",
                        sql.dropIndex(from.schema(), from.name(), i), false);
                add(Phase.ADD_INDEXES, "index " + indexKey(to.schema(), i), "recreated: reads a generated column that is recreated",
                        sql.createIndex(to, i), false);
            }
        }
    }

    /** Generated columns (in both) whose expression names a column whose type or collation changes: PostgreSQL refuses that change under them. */
    private static List<Column> generatedOverRetyped(Table from, Table to) {
        List<String> retyped = to.columns().stream().filter(t -> from.column(t.name())
                .map(c -> !c.type().equals(t.type()) || !Objects.equals(c.collation(), t.collation())).orElse(false)).map(Column::name).toList();
        if (retyped.isEmpty()) {
            return List.of();
        }
        return from.columns().stream().filter(g -> g.generated() != null && to.column(g.name()).map(t -> t.generated() != null).orElse(false))
                .filter(g -> retyped.stream().anyMatch(c -> !c.equals(g.name()) && names(g.generated(), c))).toList();
    }

    /** Whether {@code text} names the identifier {@code name}, bare or double-quoted, as a whole word. */
    private static boolean names(String text, String name) {
        return Pattern.compile("(?<![\\w$])(" + Pattern.quote(name) + "|\"" + Pattern.quote(name) + "\")(?![\\w$])").matcher(text).find();
    }

    /** {@code from} with the constraints {@code to} has of those named in {@code names}, as a DETACH leaves them. */
    private static Table withInherited(Table from, Table to, List<String> names) {
        if (names.isEmpty()) {
            return from;
        }
        List<Constraint> constraints = new ArrayList<>(from.constraints());
        to.constraints().stream().filter(c -> names.contains(c.name()) && !constraints.contains(c)).forEach(constraints::add);
        return new Table(from.schema(), from.name(), from.columns(), constraints, from.indexes(), from.triggers(), from.partitioning(),
                from.unlogged(), from.rowSecurity(), from.options());
    }

    private static Table withInheritedIndexes(Table from, Table to, List<String> names) {
        if (names.isEmpty()) {
            return from;
        }
        List<Index> indexes = new ArrayList<>(from.indexes());
        to.indexes().stream().filter(i -> names.contains(i.name()) && !indexes.contains(i)).forEach(indexes::add);
        return new Table(from.schema(), from.name(), from.columns(), from.constraints(), indexes, from.triggers(), from.partitioning(),
                from.unlogged(), from.rowSecurity(), from.options());
    }

    private static String security(RowSecurity s) {
        return !s.enabled() ? "off" : s.forced() ? "on, forced" : "on";
    }

    /**
     * Policies that differ are dropped and created again, and so are those of a table with a column
     * whose type changes: PostgreSQL refuses that change under a policy.
     */
    private void comparePolicies(SchemaModel from, SchemaModel to) {
        Map<String, Table> a = from.tablesByKey();
        for (Table target : to.tables()) {
            Table current = a.get(target.key());
            if (current == null) {
                continue;
            }
            boolean reshaped = current.columns().stream().anyMatch(c -> reshapedColumns.contains(current.key() + "." + c.name()));
            Map<String, Policy> mine = byKey(current.rowSecurity().policies(), Policy::name);
            Map<String, Policy> theirs = byKey(target.rowSecurity().policies(), Policy::name);
            for (Policy p : current.rowSecurity().policies()) {
                Policy t = theirs.get(p.name());
                if (t == null || !t.equals(p) || reshaped) {
                    add(Phase.DROP_POLICIES, policyName(target, p), t == null ? "not in the target" : t.equals(p)
                            ? "recreated: the table has a column whose type changes" : "differs", sql.dropPolicy(current, p), false);
                }
            }
            for (Policy p : target.rowSecurity().policies()) {
                Policy c = mine.get(p.name());
                if (c == null || !c.equals(p) || reshaped) {
                    add(Phase.CREATE_POLICIES, policyName(target, p), c == null ? "missing" : c.equals(p)
                            ? "recreated: the table has a column whose type changes" : "differs", sql.createPolicy(target, p), false);
                }
            }
        }
    }

    private static String policyName(Table t, Policy p) {
        return "policy " + t.key() + "." + p.name();
    }

    /**
     * SQLite: one change that copies the rows into the new shape. A tightening (NOT NULL, a check,
     * a key) that rows of the live database break is destructive, as is one whose rows cannot be
     * counted (the {@code from} side is not live): the copy leaves those rows out.
     */
    private void rebuild(Table from, Table to) {
        List<String> what = new ArrayList<>();
        for (Column target : to.columns()) {
            from.column(target.name()).ifPresentOrElse(c -> {
                if (!c.equals(target)) {
                    what.add(target.name() + " " + columnDifferences(c, target) + (target.fillsNullsOf(c) ? " (a NULL gets the default)" : ""));
                }
            }, () -> what.add(target.name() + " missing"));
        }
        boolean dropsColumns = from.columns().stream().anyMatch(c -> to.column(c.name()).isEmpty());
        from.columns().stream().filter(c -> to.column(c.name()).isEmpty()).forEach(c -> what.add(c.name() + " not in the target"));
        if (!new HashSet<>(from.constraints()).equals(new HashSet<>(to.constraints()))) {
            what.add("constraints differ");
        }
        // SQLite's WITHOUT ROWID and STRICT, which no ALTER changes
        to.options().stream().filter(o -> !from.hasOption(o)).forEach(o -> what.add(o + " in the target"));
        from.options().stream().filter(o -> !to.hasOption(o)).forEach(o -> what.add("not " + o + " in the target"));
        boolean narrows = from.columns().stream().anyMatch(c -> to.column(c.name())
                .map(t -> !t.type().equals(c.type()) && sql.narrows(c.type(), t.type())).orElse(false));
        boolean tightens = tightens(from, to) || sql.rejectsValues(from, to);
        Optional<RebuildRows> rows = tightens ? live.rebuild(from, to) : Optional.empty();
        boolean leavesRowsOut = tightens && rows.map(r -> r.leftOut() > 0).orElse(true);
        String summary = "rebuilt: " + String.join(", ", what) + (tightens ? "; " + leftOut(rows) : "");
        OptionalLong rowsLeftOut = !tightens ? OptionalLong.of(0) : rows.map(r -> OptionalLong.of(r.leftOut())).orElse(OptionalLong.empty());
        add(Phase.TABLES, "table " + to.key(), summary, join(sql.rebuildTable(from, to, rowsLeftOut)), dropsColumns || narrows || leavesRowsOut);
    }

    /**
     * Rows valid now may break the target: a NOT NULL with no default to fill a NULL with (a
     * generated column's expression may give NULL), or a check, key or unique constraint more.
     */
    private static boolean tightens(Table from, Table to) {
        boolean notNull = to.columns().stream().anyMatch(c -> !c.nullable() && c.identity() == null && !c.hasDefault()
                && from.column(c.name()).map(f -> f.nullable() || !Objects.equals(f.generated(), c.generated())).orElse(true));
        return notNull || to.constraints().stream().anyMatch(c -> !c.isForeignKey() && !from.constraints().contains(c));
    }


    private static String leftOut(Optional<RebuildRows> rows) {
        if (rows.isEmpty()) {
            return "rows that violate the target's constraints are left out";
        }
        long n = rows.get().leftOut();
        return n == 0 ? "no row violates the target's constraints" : n + " of " + rows.get().rows()
                + (n == 1 ? " rows violates the target's constraints and is left out" : " rows violate the target's constraints and are left out");
    }

    private void compareColumn(Table t, Column from, Column to) {
        if (from.equals(to)) {
            return;
        }
        boolean typeChanges = !from.type().equals(to.type());
        if (typeChanges || !Objects.equals(from.collation(), to.collation())) {
            // a collation changes through ALTER … TYPE too, which views and policies over the column refuse
            reshapedColumns.add(t.key() + "." + to.name());
        }
        String object = "column " + t.key() + "." + to.name();
        if (!Objects.equals(from.generated(), to.generated())) {
            add(Phase.COLUMNS, object, "generated expression differs",
                    "-- change " + object + " by hand: its generated expression differs", false);
            return;
        }
        add(Phase.COLUMNS, object, columnDifferences(from, to), join(sql.alterColumn(t, from, to)),
                typeChanges && sql.narrows(from.type(), to.type()));
    }

    private static String columnDifferences(Column from, Column to) {
        List<String> parts = new ArrayList<>();
        if (!from.type().equals(to.type())) {
            parts.add("type " + from.type() + " -> " + to.type());
        }
        if (!Objects.equals(from.collation(), to.collation())) {
            parts.add("collation " + (from.collation() == null ? "default" : from.collation()) + " -> "
                    + (to.collation() == null ? "default" : to.collation()));
        }
        if (!Objects.equals(from.defaultValue(), to.defaultValue())) {
            parts.add("default differs");
        }
        if (from.nullable() != to.nullable()) {
            parts.add(to.nullable() ? "allows NULL in the target" : "NOT NULL in the target");
        }
        if (!Objects.equals(from.identity(), to.identity())) {
            parts.add(to.identity() == null ? "not an identity in the target" : "identity " + to.identity() + " in the target");
        }
        if (!Objects.equals(from.generated(), to.generated())) {
            parts.add("generated expression differs");
        }
        if (!Objects.equals(from.comment(), to.comment())) {
            parts.add("comment differs");
        }
        return String.join(", ", parts);
    }

    /** Index definitions alike but for their names and tables: what an ATTACH matches. */
    private static boolean sameShape(Index a, Index b) {
        String[] x = a.definition().split(" USING ", 2);
        String[] y = b.definition().split(" USING ", 2);
        return x.length == 2 && y.length == 2 && x[1].equals(y[1]) && x[0].startsWith("CREATE UNIQUE") == y[0].startsWith("CREATE UNIQUE");
    }

    /** @param dropExtra which constraints only {@code from} has are dropped: not those an ATTACH adopts */
    private void compareConstraints(Table from, Table to, java.util.function.Predicate<Constraint> dropExtra) {
        Map<String, Constraint> a = byKey(from.constraints(), Constraint::name);
        Map<String, Constraint> b = byKey(to.constraints(), Constraint::name);
        for (Constraint target : to.constraints()) {
            Constraint current = a.get(target.name());
            if (current == null) {
                addConstraint(to, target, "missing");
            } else if (!current.equals(target)) {
                dropConstraint(from, current, "differs");
                addConstraint(to, target, "differs");
            }
        }
        from.constraints().stream().filter(c -> !b.containsKey(c.name()) && dropExtra.test(c)).forEach(c -> dropConstraint(from, c, "not in the target"));
    }

    private void compareIndexes(Table from, Table to) {
        compareIndexes(from.schema(), from.name(), from.indexes(), to.indexes(), i -> sql.createIndex(to, i), i -> true);
    }

    /** The indexes of one table or materialized view, {@code relation} in {@code schema}; those only {@code from} has dropped when {@code dropExtra}. */
    private void compareIndexes(String schema, String relation, List<Index> from, List<Index> to, Function<Index, String> create,
                                java.util.function.Predicate<Index> dropExtra) {
        Map<String, Index> a = byKey(from, Index::name);
        Map<String, Index> b = byKey(to, Index::name);
        for (Index target : to) {
            Index current = a.get(target.name());
            if (current == null || !current.definition().equals(target.definition())) {
                if (current != null) {
                    add(Phase.DROP_INDEXES, "index " + indexKey(schema, current), "differs", sql.dropIndex(schema, relation, current), false);
                }
                add(Phase.ADD_INDEXES, "index " + indexKey(schema, target), current == null ? "missing" : "differs", create.apply(target), false);
            }
        }
        from.stream().filter(i -> dropExtra.test(i) && !b.containsKey(i.name()))
                .forEach(i -> add(Phase.DROP_INDEXES, "index " + indexKey(schema, i), "not in the target", sql.dropIndex(schema, relation, i), false));
    }

    private void compareTriggers(Table from, Table to) {
        Map<String, Trigger> a = byKey(from.triggers(), Trigger::name);
        Map<String, Trigger> b = byKey(to.triggers(), Trigger::name);
        for (Trigger target : to.triggers()) {
            Trigger current = a.get(target.name());
            String object = "trigger " + to.key() + "." + target.name();
            if (current != null && !current.equals(target)) {
                add(Phase.DROP_TRIGGERS, object, "differs", sql.dropTrigger(from, current), false);
            }
            if (current == null || !current.equals(target)) {
                add(Phase.CREATE_TRIGGERS, object, current == null ? "missing" : "differs", sql.createTrigger(to, target), false);
            }
        }
        from.triggers().stream().filter(t -> !b.containsKey(t.name())).forEach(t ->
                add(Phase.DROP_TRIGGERS, "trigger " + from.key() + "." + t.name(), "not in the target", sql.dropTrigger(from, t), false));
    }

    private void compareRoutines(SchemaModel from, SchemaModel to) {
        Map<String, Routine> a = byKey(from.routines(), Routine::key);
        Map<String, Routine> b = byKey(to.routines(), Routine::key);
        // an aggregate needs its state function first
        to.routines().stream().sorted(Comparator.comparing(r -> r.kind().equals("aggregate"))).forEach(target -> {
            Routine current = a.get(target.key());
            boolean droppedEarly = current != null && routinesDroppedEarly.containsKey(target.key());
            if (current == null || droppedEarly || !current.definition().equals(target.definition())) {
                // aggregates cannot serve in defaults or checks, and their state function may need a table
                boolean afterTables = target.usesTableTypes() || target.kind().equals("aggregate");
                String why = current == null ? "missing" : droppedEarly ? "recreated: takes or returns " + routinesDroppedEarly.get(target.key())
                        + ", which is recreated" : "definition differs";
                add(afterTables ? Phase.ROUTINES_AFTER_TABLES : Phase.ROUTINES_BEFORE_TABLES, target.kind() + " " + target.key(), why,
                        sql.createRoutine(target), false);
            }
        });
        from.routines().stream().filter(r -> !b.containsKey(r.key()) && !routinesDroppedEarly.containsKey(r.key())).sorted(Comparator.comparing(r -> !r.kind().equals("aggregate")))
                .forEach(r -> add(Phase.DROP_ROUTINES, r.kind() + " " + r.key(), "not in the target", sql.dropRoutine(r), false));
    }

    /**
     * Views are dropped when they differ, are not in the target, read a column whose type changes,
     * or read a view that is dropped; those in the target are then created again.
     */
    private void compareViews(SchemaModel from, SchemaModel to) {
        Map<String, View> a = byKey(from.views(), View::key);
        Map<String, View> b = byKey(to.views(), View::key);
        Set<String> dropped = new HashSet<>();
        for (View v : from.views()) {
            View target = b.get(v.key());
            if (target == null || target.materialized() != v.materialized() || !target.query().equals(v.query())
                    || readsReshaped(v)) {
                dropped.add(v.key());
            }
        }
        boolean grew = true;
        while (grew) {
            grew = from.views().stream().filter(v -> !dropped.contains(v.key()) && v.dependsOn().stream().anyMatch(dropped::contains))
                    .map(v -> dropped.add(v.key())).reduce(false, Boolean::logicalOr);
        }
        List<View> dropOrder = new ArrayList<>(dependencyOrder(from.views()));
        java.util.Collections.reverse(dropOrder);
        for (View v : dropOrder) {
            if (dropped.contains(v.key())) {
                View target = b.get(v.key());
                String why = target == null ? "not in the target" : "recreated: " + viewChange(v, target);
                add(Phase.DROP_VIEWS, v.kind() + " " + v.key(), why, sql.dropView(v), false);
            }
        }
        for (View target : dependencyOrder(to.views())) {
            View current = a.get(target.key());
            if (current == null || dropped.contains(target.key())) {
                String why = current == null ? "missing" : "recreated: " + viewChange(current, target);
                add(Phase.CREATE_VIEWS, target.kind() + " " + target.key(), why, join(sql.createView(target)), false);
            } else if (target.materialized()) {
                compareIndexes(target.schema(), target.name(), current.indexes(), target.indexes(), Index::definition, i -> true);
            }
        }
    }

    private String viewChange(View from, View to) {
        if (from.materialized() != to.materialized() || !from.query().equals(to.query())) {
            return "definition differs";
        }
        return "reads " + from.reads().stream().map(ColumnRef::toString).filter(reshapedColumns::contains).findFirst()
                .map(c -> "column " + c + ", whose type changes").orElse("a view that is recreated");
    }

    private boolean readsReshaped(View v) {
        return v.reads().stream().anyMatch(c -> reshapedColumns.contains(c.toString()));
    }

    /** Each view after the views it reads. */
    private static List<View> dependencyOrder(List<View> views) {
        Map<String, View> byKey = byKey(views, View::key);
        List<View> ordered = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (View v : views) {
            visit(v, byKey, seen, ordered);
        }
        return ordered;
    }

    private static void visit(View v, Map<String, View> byKey, Set<String> seen, List<View> ordered) {
        if (!seen.add(v.key())) {
            return;
        }
        v.dependsOn().stream().map(byKey::get).filter(Objects::nonNull).forEach(d -> visit(d, byKey, seen, ordered));
        ordered.add(v);
    }

    private void compareComments(SchemaModel from, SchemaModel to) {
        Map<String, Comment> a = byKey(from.comments(), Comment::target);
        Map<String, Comment> b = byKey(to.comments(), Comment::target);
        to.comments().stream().filter(c -> !c.equals(a.get(c.target())))
                .forEach(c -> add(Phase.COMMENTS, "comment on " + c.target(), a.containsKey(c.target()) ? "differs" : "missing", sql.comment(c), false));
        from.comments().stream().filter(c -> !b.containsKey(c.target()))
                .forEach(c -> add(Phase.COMMENTS, "comment on " + c.target(), "not in the target", sql.comment(c.target(), null), false));
    }

    /** Only objects both sides have: a new object is created by the script's user, and owners are matched, not created. */
    private void compareOwners(SchemaModel from, SchemaModel to) {
        Map<String, Ownership> a = byKey(from.owners(), Ownership::target);
        for (Ownership target : to.owners()) {
            Ownership current = a.get(target.target());
            if (current == null || !current.owner().equals(target.owner())) {
                add(Phase.OWNERS, "owner of " + target.target(), current == null ? "owned by " + target.owner() + " in the target"
                        : current.owner() + " -> " + target.owner(), sql.owner(target.target(), target.owner()), false);
            }
        }
    }

    private void addConstraint(Table t, Constraint c, String why) {
        add(c.isForeignKey() ? Phase.ADD_FOREIGN_KEYS : Phase.ADD_CONSTRAINTS, kindName(c) + " " + t.key() + "." + c.name(), why,
                sql.addConstraint(t, c), false);
    }

    private void dropConstraint(Table t, Constraint c, String why) {
        add(c.isForeignKey() ? Phase.DROP_FOREIGN_KEYS : Phase.DROP_CONSTRAINTS, kindName(c) + " " + t.key() + "." + c.name(), why,
                sql.dropConstraint(t, c), false);
    }

    private static String kindName(Constraint c) {
        return c.isForeignKey() ? "foreign key" : c.kind().toLowerCase(java.util.Locale.ROOT) + " constraint";
    }

    private static String indexKey(String schema, Index i) {
        return schema == null ? i.name() : schema + "." + i.name();
    }

    private static String join(List<String> statements) {
        return String.join(";\n", statements);
    }

    private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.toMap(key, Function.identity(), (x, y) -> x, LinkedHashMap::new));
    }

    private void add(Phase phase, String object, String summary, String statements, boolean destructive) {
        changes.add(new SchemaChange(phase, object, summary, statements, destructive));
    }
}
