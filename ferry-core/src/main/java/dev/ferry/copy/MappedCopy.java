package dev.ferry.copy;

import dev.ferry.copy.cross.PostgresTarget;
import dev.ferry.copy.cross.PostgresTargetSchema;
import dev.ferry.copy.cross.RejectedRows;
import dev.ferry.copy.cross.RowLoad;
import dev.ferry.copy.cross.TablePlan;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Progress;
import dev.ferry.schema.model.Table;
import dev.ferry.spi.BulkCopy;
import dev.ferry.spi.Database;
import dev.ferry.spi.SchemaInspection;
import dev.ferry.stream.DatabaseSink;
import dev.ferry.stream.StreamCount;
import dev.ferry.stream.TableRef;

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
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code ferry copy --mapping}: each target table of a mapping filled from its source table or query,
 * every column from a source expression, into tables the target already has (a new schema, built
 * by its migrations). Everything the file says is checked against both databases before a row moves,
 * and a mistake is named by the file's line. Tables load referenced ones first, each in one
 * transaction with its checkpoint in {@code ferry_copy_state}, so {@code --resume} finishes an
 * interrupted run; sequences are moved past the copied ids after.
 */
public final class MappedCopy {
    private final MappingFile mapping;
    private final CopyOptions options;
    private final Progress progress;
    private final Consumer<String> notes;

    /**
     * One target table as it will load: where it goes, the SELECT that fills it (in the source's SQL),
     * and with a dry run the rows that SELECT returns now.
     */
    public record Planned(String target, int line, String select, long rows) {
    }

    /**
     * What a dry run prints: per target table, in load order, its source query and rows; and the source
     * tables nothing maps, with the schema they are kept in (null when they are left behind).
     */
    public record DryRun(String from, String to, String mapping, List<Planned> tables, List<String> unmapped, String keptIn) {
    }

    public MappedCopy(MappingFile mapping, CopyOptions options, Progress progress, Consumer<String> notes) {
        this.mapping = mapping;
        this.options = options;
        this.progress = progress;
        this.notes = notes;
    }

    /** Checks the mapping against both databases and says what a copy would do; writes nothing. */
    public DryRun dryRun(Database from, Database to) {
        requirePostgresTarget(to);
        try (Connection src = from.connect(); Connection target = to.connect()) {
            Plan plan = plan(from, src, target, notes);
            List<Planned> planned = new ArrayList<>();
            for (Load l : plan.loads()) {
                planned.add(new Planned(l.part().qualifiedName(), l.line(), l.query().select(), count(src, l.query().select())));
            }
            return new DryRun(from.url().redacted(), to.url().redacted(), mapping.file().toString(), planned, plan.unmapped(), plan.keepSchema());
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "checking " + mapping.file() + " against " + from.url().redacted() + " and " + to.url().redacted()
                    + " failed: " + e.getMessage(), null, e);
        }
    }

    /** Copies as the mapping says; the same checks first. */
    public CopyResult copy(Database from, Database to) {
        requirePostgresTarget(to);
        long started = System.nanoTime();
        String source = from.url().redacted();
        String mode = "mapping " + mapping.file().getFileName();
        List<String> said = new ArrayList<>();
        Consumer<String> note = n -> {
            said.add(n);
            notes.accept(n);
        };
        try (Connection src = from.connect(); Connection target = to.connect()) {
            CrossDialectCopy.beginSnapshot(from, src).forEach(note);
            Plan plan = plan(from, src, target, note);
            if (!plan.unmapped().isEmpty()) {
                note.accept(plan.keepSchema() == null ? "not copied, as unmapped: ignore says: " + String.join(", ", plan.unmapped())
                        : "kept as they are in schema " + plan.keepSchema() + ", as unmapped: says: " + String.join(", ", plan.unmapped()));
            }
            Map<TableRef, Load> byPart = new LinkedHashMap<>();
            plan.loads().forEach(l -> byPart.put(l.part(), l));
            Optional<CopyState.Saved> earlier = CopyState.read(target, to.dialect());
            CopyState.Saved state;
            if (earlier.isPresent()) {
                state = CopyService.resumable(options, earlier.get(), source, to, mode);
            } else {
                Optional<CopyResult> done = FinishedCopies.alreadyDone(options, target, to, source, mode, started, note, said);
                if (done.isPresent()) {
                    return done.get();
                }
                state = begin(target, to, source, mode, plan);
            }
            Map<TableRef, Integer> ids = new HashMap<>();
            state.parts().forEach(p -> ids.put(p.table(), p.id()));
            List<CopyState.Part> pending = state.parts().stream().filter(p -> !p.done()).toList();
            Map<TableRef, Long> millis = new HashMap<>();
            RejectedRows rejects = new RejectedRows(options.rejectsDir(), options.maxRejects());
            BulkCopy bulk = to.dialect().require(BulkCopy.class, "load tables from streams");
            try (DatabaseSink sink = new DatabaseSink(to, 1, (c, t, loaded) -> CopyState.copied(c, ids.get(t), loaded))) {
                long done = 0;
                for (CopyState.Part p : pending) {
                    Load load = byPart.get(p.table());
                    if (load == null) {
                        throw new FerryException(ErrorCode.USAGE, "--resume: the unfinished copy has " + p.table().qualifiedName() + ", which "
                                + mapping.file() + " no longer fills the same way; nothing more was copied", "resume with the mapping it was started with", null);
                    }
                    long began = System.nanoTime();
                    RowLoad.Rejects asked = new RowLoad.Rejects(rejects, label(p.table(), plan.schema()), bulk,
                            (c, loaded, rejected) -> CopyState.copied(c, p.id(), loaded, rejected));
                    RowLoad.Loaded loaded = RowLoad.load(src, load.query(), target, p.table(), sink, asked);
                    if (loaded.rejected() > 0) {
                        note.accept(p.table().qualifiedName() + ": " + loaded.rejected() + " row" + (loaded.rejected() == 1 ? "" : "s")
                                + " rejected by the target, set aside in " + options.rejectsDir().resolve(asked.label() + ".jsonl"));
                    }
                    millis.put(p.table(), (System.nanoTime() - began) / 1_000_000);
                    progress.update(p.table().qualifiedName(), ++done, pending.size());
                }
            } finally {
                progress.finish();
            }
            List<CopyState.Part> parts = CopyState.read(target, to.dialect()).orElseThrow().parts();
            String verified = options.verify() ? verify(src, target, to, parts, byPart) : "counts";
            if (CopyState.DATA.equals(state.phase())) {
                afterData(target, to, source, plan, parts);
            }
            CopyResult result = new CopyResult(source, to.url().redacted(), summary(parts, state, millis, plan), parts.stream()
                    .filter(p -> p.copied() != null).mapToLong(p -> p.copied().rows()).sum(), (System.nanoTime() - started) / 1_000_000,
                    earlier.isPresent(), verified, said);
            return FinishedCopies.finish(options, target, to, mode, false, parts, result);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "copying " + source + " into " + to.url().redacted() + " through " + mapping.file()
                    + " failed: " + e.getMessage() + "; every table committed so far is kept with its checkpoint",
                    "fix the cause, then run the same ferry copy with --resume to finish it", e);
        }
    }

    /** The kept tables' keys, indexes and foreign keys; every target's sequences past the copied ids; the phase: one transaction. */
    private void afterData(Connection target, Database to, String source, Plan plan, List<CopyState.Part> parts) throws SQLException {
        target.setAutoCommit(false);
        try (Statement s = target.createStatement()) {
            if (plan.kept() != null) {
                for (String sql : plan.kept().afterData()) {
                    s.execute(sql);
                }
            }
            List<String> tables = parts.stream().map(p -> PostgresTargetSchema.table(p.table().schema(), p.table().name())).toList();
            for (String sql : to.dialect().require(BulkCopy.class, "load tables from streams").sequencesPastRows(target, tables)) {
                s.execute(sql);
            }
            CopyState.phase(target, CopyState.POST_DATA, source);
            target.commit();
        } finally {
            CopyService.rollbackQuietly(target);
        }
    }

    /** Per table its rows, rejects and time; a table's quarantined duplicates told with it rather than as a table of their own. */
    private static List<CopyResult.TableCopy> summary(List<CopyState.Part> parts, CopyState.Saved before, Map<TableRef, Long> millis, Plan plan) {
        Set<TableRef> kept = new LinkedHashSet<>();
        before.parts().stream().filter(CopyState.Part::done).forEach(p -> kept.add(p.table()));
        Map<String, Long> quarantined = new HashMap<>();
        for (CopyState.Part p : parts) {
            if (p.table().schema().equals(DuplicateKeys.SCHEMA)) {
                plan.loads().stream().filter(l -> l.part().equals(p.table())).findFirst()
                        .ifPresent(l -> quarantined.put(l.quarantineOf(), p.copied().rows()));
            }
        }
        List<CopyResult.TableCopy> copied = new ArrayList<>();
        for (CopyState.Part p : parts) {
            if (p.table().schema().equals(DuplicateKeys.SCHEMA)) {
                continue;
            }
            StreamCount c = p.copied();
            copied.add(new CopyResult.TableCopy(p.table().qualifiedName(), c.rows(), c.checksum(), 1, kept.contains(p.table()) ? 1 : 0, 0, p.rejected(),
                    quarantined.getOrDefault(p.table().qualifiedName(), 0L), millis.getOrDefault(p.table(), 0L)));
        }
        return copied;
    }

    /** A table as its rejects file is named: its name in the target's own schema, schema.name elsewhere. */
    private static String label(TableRef table, String schema) {
        return table.schema().equals(schema) ? table.name() : table.qualifiedName();
    }

    /** --verify: each target table counted against its query on the source, in the same snapshot. */
    private String verify(Connection src, Connection target, Database to, List<CopyState.Part> parts, Map<TableRef, Load> byPart) throws SQLException {
        return TableCounts.verify(target, to, parts, p -> byPart.containsKey(p.table()) ? count(src, byPart.get(p.table()).query().select()) : p.copied().rows());
    }

    /**
     * One table the copy fills: a mapped target, the duplicates of one (quarantineOf names the target), or
     * a source table kept as it is.
     */
    private record Load(TableRef part, int line, RowLoad.Query query, MappingFile.Target target, String quarantineOf) {
    }

    /** The loads in order; the source tables nothing maps, and where they are kept (null: left behind). */
    private record Plan(String schema, List<Load> loads, List<String> unmapped, String keepSchema, KeptTables kept) {
    }

    /** Every target checked against both databases, in load order (duplicates after their table, kept tables last); the source tables nothing maps. */
    private Plan plan(Database from, Connection src, Connection target, Consumer<String> notes) throws SQLException {
        String schema = PostgresTarget.currentSchema(target);
        List<Load> loads = new ArrayList<>();
        List<Load> duplicates = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (MappingFile.Target t : mapping.tables()) {
            String[] name = qualified(t.name(), schema);
            Map<String, PostgresTarget.TargetColumn> columns = PostgresTarget.columns(target, name[0], name[1]);
            if (columns.isEmpty()) {
                throw error(t.line(), "target table " + t.name() + " is not in " + name[0] + " of the target: create the new schema first (ferry migrate)");
            }
            for (String column : t.filled().keySet()) {
                if (!columns.containsKey(column)) {
                    throw error(t.columnLines().getOrDefault(column, t.line()), t.name() + " has no column " + column + " on the target (it has "
                            + String.join(", ", columns.keySet()) + ")");
                }
            }
            for (Map.Entry<String, PostgresTarget.TargetColumn> c : columns.entrySet()) {
                if (c.getValue().notNull() && !c.getValue().hasDefault() && !t.filled().containsKey(c.getKey())) {
                    throw error(t.line(), t.name() + "." + c.getKey() + " is NOT NULL and has no default: map it under columns:, or give it a value under defaults:");
                }
            }
            if (!t.fromQuery()) {
                used.add(t.from());
            }
            RowLoad.Query query = query(from, t);
            checkExpressions(from, src, t, query);
            if (!t.unique().isEmpty() && t.onDuplicate() == MappingFile.OnDuplicate.FAIL) {
                refuseDuplicates(from, src, t);
            }
            TableRef part = new TableRef(name[0], name[1], List.copyOf(t.filled().keySet()));
            loads.add(new Load(part, t.line(), query, t, null));
            if (t.onDuplicate() == MappingFile.OnDuplicate.QUARANTINE) {
                duplicates.add(new Load(new TableRef(DuplicateKeys.SCHEMA, name[1], DuplicateKeys.columns(t)), t.line(),
                        DuplicateKeys.duplicates(source(from, t), t, part.qualifiedName()), t, part.qualifiedName()));
            }
        }
        List<Table> unmapped = unmapped(from, src, used);
        List<String> names = unmapped.stream().map(MappedCopy::name).toList();
        if (!unmapped.isEmpty() && mapping.unmapped() == MappingFile.Unmapped.FAIL) {
            throw new FerryException(ErrorCode.CONFIG, mapping.file() + ": unmapped: fail, and no target is filled from " + String.join(", ", names),
                    "map them under tables:, or say unmapped: ignore (or keep-in-schema legacy)", null);
        }
        List<Load> ordered = new ArrayList<>();
        for (Load l : ordered(loads, PostgresTarget.references(target))) {
            ordered.add(l);
            duplicates.stream().filter(d -> d.quarantineOf().equals(l.part().qualifiedName())).forEach(ordered::add);
        }
        KeptTables kept = null;
        if (mapping.unmapped() == MappingFile.Unmapped.KEEP_IN_SCHEMA && !unmapped.isEmpty()) {
            SchemaInspection inspection = from.dialect().require(SchemaInspection.class, "keep unmapped tables");
            kept = KeptTables.of(from, src, mapping.keepSchema(), inspection.inspectSchema(src, null), unmapped, notes);
            for (TablePlan p : kept.plans()) {
                ordered.add(new Load(new TableRef(kept.schema(), p.targetTable(), p.targetColumns()), 0,
                        new RowLoad.Query(KeptTables.select(from, p), p.sourceTable(), p.columns().stream().map(TablePlan.ColumnPlan::sourceName).toList()),
                        null, null));
            }
        }
        return new Plan(schema, ordered, names, mapping.unmapped() == MappingFile.Unmapped.KEEP_IN_SCHEMA ? mapping.keepSchema() : null, kept);
    }

    /** The SELECT that fills {@code t}: its expressions in the order of its target columns; with onDuplicate first or quarantine, the first row of each key. */
    private static RowLoad.Query query(Database from, MappingFile.Target t) {
        String base = source(from, t);
        String select;
        if (t.unique().isEmpty() || t.onDuplicate() == MappingFile.OnDuplicate.FAIL) {
            List<String> expressions = new ArrayList<>(t.filled().values());
            List<String> aliased = new ArrayList<>();
            for (int i = 0; i < expressions.size(); i++) {
                aliased.add("(" + expressions.get(i) + ") AS ferry_c" + (i + 1));
            }
            select = "SELECT " + String.join(", ", aliased) + " FROM " + base + (t.where() == null ? "" : " WHERE " + t.where());
        } else {
            select = DuplicateKeys.kept(base, t);
        }
        return new RowLoad.Query(select, t.fromQuery() ? "the query of " + t.name() : t.from(), List.copyOf(t.filled().values()));
    }

    /** Each expression run once on the source with no row (LIMIT 0), so that a typo is named by its line before anything is written. */
    private void checkExpressions(Database from, Connection src, MappingFile.Target t, RowLoad.Query query) {
        try {
            count(src, query.select() + " LIMIT 0");
        } catch (SQLException whole) {
            for (Map.Entry<String, String> c : t.filled().entrySet()) {
                try {
                    count(src, "SELECT (" + c.getValue() + ") FROM " + source(from, t) + " LIMIT 0");
                } catch (SQLException e) {
                    throw error(t.columnLines().getOrDefault(c.getKey(), t.line()), t.name() + "." + c.getKey() + " = " + c.getValue()
                            + " does not run on the source: " + firstLine(e));
                }
            }
            throw error(t.line(), t.name() + ": the source refuses its query (from, where or unique): " + firstLine(whole));
        }
    }

    /** onDuplicate: fail: a key that repeats in the source stops the copy before anything is written, naming a few. */
    private void refuseDuplicates(Database source, Connection src, MappingFile.Target t) throws SQLException {
        List<String> keys = t.unique().stream().map(c -> "(" + t.filled().get(c) + ")").toList();
        String from = source(source, t);
        String notNull = String.join(" AND ", keys.stream().map(k -> k + " IS NOT NULL").toList());
        String sql = "SELECT " + String.join(", ", keys) + ", COUNT(*) FROM " + from + " WHERE " + (t.where() == null ? "" : "(" + t.where() + ") AND ")
                + notNull + " GROUP BY " + String.join(", ", keys) + " HAVING COUNT(*) > 1";
        List<String> repeated = new ArrayList<>();
        try (Statement s = src.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next() && repeated.size() < 5) {
                StringBuilder key = new StringBuilder();
                for (int i = 1; i <= keys.size(); i++) {
                    key.append(i > 1 ? ", " : "").append(r.getString(i));
                }
                repeated.add(key + " (" + r.getLong(keys.size() + 1) + " rows)");
            }
        }
        if (!repeated.isEmpty()) {
            throw new FerryException(ErrorCode.CHECK_FAILED, mapping.file() + " line " + t.line() + ": " + t.name() + ": " + String.join(", ", t.unique())
                    + " repeats in the source (onDuplicate: fail): " + String.join("; ", repeated) + "; nothing was copied",
                    "say onDuplicate: first to keep the first row of each, or clean the source", null);
        }
    }

    /** Source tables that no target names in from: (queries are not read for the tables they use). */
    private static List<Table> unmapped(Database from, Connection src, Set<String> used) throws SQLException {
        List<Table> unmapped = new ArrayList<>();
        Optional<SchemaInspection> inspection = from.dialect().capability(SchemaInspection.class);
        if (inspection.isEmpty()) {
            return unmapped;
        }
        for (Table t : inspection.get().inspectSchema(src, null).tables()) {
            boolean named = used.contains(t.name()) || (t.schema() != null && used.contains(t.schema() + "." + t.name()));
            if (!named && !t.isPartition() && !t.name().equals(CopyState.TABLE)) {
                unmapped.add(t);
            }
        }
        return unmapped;
    }

    private static String name(Table t) {
        return t.schema() == null ? t.name() : t.schema() + "." + t.name();
    }

    /** Referenced tables first, otherwise the file's order. */
    private static List<Load> ordered(List<Load> loads, Map<String, Set<String>> references) {
        List<Load> ordered = new ArrayList<>();
        List<Load> left = new ArrayList<>(loads);
        while (!left.isEmpty()) {
            Load next = left.stream().filter(l -> references.getOrDefault(l.part().qualifiedName(), Set.of()).stream()
                    .noneMatch(r -> !r.equals(l.part().qualifiedName()) && left.stream().anyMatch(o -> o.part().qualifiedName().equals(r))))
                    .findFirst().orElse(left.get(0)); // a cycle: the file's order
            ordered.add(next);
            left.remove(next);
        }
        return ordered;
    }

    /**
     * A new mapped copy: the target tables must be empty (or are emptied with --truncate); the tables for
     * duplicates and kept tables made; the plan saved; all in one transaction.
     */
    private CopyState.Saved begin(Connection target, Database to, String source, String mode, Plan plan) throws SQLException {
        List<TableRef> parts = plan.loads().stream().map(Load::part).toList();
        target.setAutoCommit(false);
        try {
            List<String> holding = new ArrayList<>();
            List<String> mapped = new ArrayList<>();
            List<String> made = new ArrayList<>();
            for (Load l : plan.loads()) {
                String quoted = PostgresTargetSchema.table(l.part().schema(), l.part().name());
                if (l.target() != null && l.quarantineOf() == null) {
                    mapped.add(quoted);
                    if (PostgresTarget.holdsRows(target, quoted)) {
                        holding.add(l.part().qualifiedName());
                    }
                } else if (l.quarantineOf() != null && !PostgresTarget.columns(target, l.part().schema(), l.part().name()).isEmpty()
                        && PostgresTarget.holdsRows(target, quoted)) {
                    holding.add(l.part().qualifiedName());
                }
            }
            List<String> existing = plan.kept() == null ? List.of() : plan.kept().existing(target, holding);
            if (!holding.isEmpty() && !options.truncate()) {
                throw new FerryException(ErrorCode.USAGE, "copy refused: " + String.join(", ", holding) + " in " + to.url().redacted()
                        + " already hold rows; nothing was changed", "pass --truncate to empty them first, or --resume to finish an interrupted copy", null);
            }
            try (Statement s = target.createStatement()) {
                if (!holding.isEmpty()) {
                    refuseEmptyingOthers(target, to, plan);
                    s.execute("TRUNCATE TABLE " + String.join(", ", mapped) + " CASCADE");
                }
                for (Load l : plan.loads()) {
                    if (l.quarantineOf() != null) {
                        String[] of = qualified(l.quarantineOf(), plan.schema());
                        for (String sql : DuplicateKeys.create(target, of[0], of[1], l.target())) {
                            s.execute(sql);
                        }
                        made.add(l.part().qualifiedName());
                    }
                }
                if (plan.kept() != null) {
                    for (String sql : plan.kept().create(existing)) {
                        s.execute(sql);
                    }
                    plan.kept().plans().forEach(p -> made.add(plan.kept().schema() + "." + p.targetTable()));
                }
            }
            CopyState.Saved saved = CopyState.create(target, source, mode, List.of(), parts);
            target.commit();
            if (!made.isEmpty()) {
                notes.accept("created " + String.join(", ", made) + (existing.isEmpty() ? "" : " (" + String.join(", ", existing)
                        + " made again from the source)"));
            }
            return saved;
        } finally {
            CopyService.rollbackQuietly(target);
        }
    }

    /**
     * --truncate empties the mapped tables with CASCADE, which would also empty the tables that refer to
     * them: refused while any such table outside the mapping holds rows, as that is not what was asked.
     */
    private static void refuseEmptyingOthers(Connection target, Database to, Plan plan) throws SQLException {
        Set<String> mapped = new LinkedHashSet<>();
        plan.loads().stream().filter(l -> l.target() != null && l.quarantineOf() == null).forEach(l -> mapped.add(l.part().qualifiedName()));
        List<String> others = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : PostgresTarget.references(target).entrySet()) {
            if (!mapped.contains(e.getKey()) && e.getValue().stream().anyMatch(mapped::contains)) {
                String[] name = qualified(e.getKey(), plan.schema());
                if (PostgresTarget.holdsRows(target, PostgresTargetSchema.table(name[0], name[1]))) {
                    others.add(e.getKey());
                }
            }
        }
        if (!others.isEmpty()) {
            throw new FerryException(ErrorCode.USAGE, "--truncate would also empty " + String.join(", ", others) + ", which refer to the mapped tables"
                    + " but are not in the mapping; nothing was changed", "empty them yourself if that is meant, or map them too", null);
        }
    }

    private static long count(Connection src, String select) throws SQLException {
        try (Statement s = src.createStatement(); ResultSet r = s.executeQuery(select.endsWith(" LIMIT 0") ? select : "SELECT COUNT(*) FROM (" + select + ") ferry_q")) {
            return select.endsWith(" LIMIT 0") ? 0 : r.next() ? r.getLong(1) : 0;
        }
    }

    /** The FROM of a target's source: the table, quoted as the source quotes, or the query as a derived table. */
    private static String source(Database from, MappingFile.Target t) {
        return t.fromQuery() ? "(" + t.from() + ") ferry_src" : KeptTables.quotedSource(from, t.from());
    }

    private static String[] qualified(String name, String schema) {
        int dot = name.indexOf('.');
        return dot < 0 ? new String[] {schema, name} : new String[] {name.substring(0, dot), name.substring(dot + 1)};
    }

    private static void requirePostgresTarget(Database to) {
        if (!to.dialect().name().equals("PostgreSQL")) {
            throw new FerryException(ErrorCode.UNSUPPORTED, "ferry copy --mapping fills PostgreSQL tables so far, and " + to.url().redacted() + " is "
                    + to.dialect().name(), "copy into a PostgreSQL database", null);
        }
    }

    private FerryException error(int line, String what) {
        return new FerryException(ErrorCode.CONFIG, mapping.file() + (line > 0 ? " line " + line : "") + ": " + what, "see examples/mapping.yaml", null);
    }

    private static String firstLine(SQLException e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
    }
}
