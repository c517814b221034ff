package dev.ferry.copy;

import dev.ferry.copy.cross.PostgresTarget;
import dev.ferry.copy.cross.PostgresTargetSchema;
import dev.ferry.copy.cross.RejectedRows;
import dev.ferry.copy.cross.RowLoad;
import dev.ferry.copy.cross.SnakeCase;
import dev.ferry.copy.cross.SourcePlans;
import dev.ferry.copy.cross.TablePlan;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Progress;
import dev.ferry.schema.model.SchemaModel;
import dev.ferry.spi.BulkCopy;
import dev.ferry.spi.Database;
import dev.ferry.spi.SchemaInspection;
import dev.ferry.stream.DatabaseSink;
import dev.ferry.stream.StreamCount;
import dev.ferry.stream.TableParts;
import dev.ferry.stream.TableRef;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * {@code ferry copy} from MariaDB/MySQL or SQLite into PostgreSQL: the source read in one snapshot
 * (MariaDB's consistent snapshot, SQLite's read transaction) through a streaming result set, each
 * row encoded as PostgreSQL's binary COPY and piped into the same {@link DatabaseSink} and
 * {@code ferry_copy_state} checkpoints as a PostgreSQL copy, one table per transaction. Tables load
 * parents first, so a {@code --data-only} copy into a schema with foreign keys holds. Verified by
 * counts: checksums of two databases' encodings are not comparable.
 */
final class CrossDialectCopy {
    private final CopyOptions options;
    private final Progress progress;

    CrossDialectCopy(CopyOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Whether this copy can move {@code from} into {@code to}. */
    static boolean serves(Database from, Database to) {
        SourcePlans.Source kind = sourceKind(from);
        return to.dialect().name().equals("PostgreSQL") && kind != null && kind != SourcePlans.Source.POSTGRES;
    }

    /** Which database {@code from} is, as the plans of a copy into PostgreSQL read it; null for one they cannot read. */
    static SourcePlans.Source sourceKind(Database from) {
        return switch (from.dialect().name()) {
            case "MySQL/MariaDB" -> SourcePlans.Source.MYSQL;
            case "SQLite" -> SourcePlans.Source.SQLITE;
            case "PostgreSQL" -> SourcePlans.Source.POSTGRES;
            default -> null;
        };
    }

    CopyResult copy(Database from, Database to, String source, Consumer<String> note, List<String> said, long started) throws SQLException {
        SchemaInspection inspection = from.dialect().require(SchemaInspection.class, "copy a schema");
        UnaryOperator<String> rename = options.snakeCase() ? SnakeCase::of : UnaryOperator.identity();
        try (Connection src = from.connect(); Connection target = to.connect(); SourceSessions sessions = new SourceSessions(from, src, options.maxRejects() == 0 ? options.jobs() : 1)) {
            // rows set aside go to one file per table: with --max-rejects a table is read whole, by one session
            sessions.warnings().forEach(note);
            SchemaModel model = CopyService.chosen(options, inspection.inspectSchema(src, null));
            List<TablePlan> plans = SourcePlans.of(src, sourceKind(from), model, from.dialect()::quoteIdentifier, rename);
            String schema = PostgresTarget.currentSchema(target);
            Map<String, TablePlan> byTable = new LinkedHashMap<>();
            plans.forEach(p -> byTable.put(new TableRef(schema, p.targetTable(), p.targetColumns()).qualifiedName(), p));
            Optional<CopyState.Saved> earlier = CopyState.read(target, to.dialect());
            CopyState.Saved state;
            if (earlier.isPresent()) {
                state = CopyService.resumable(options, earlier.get(), source, to);
                long kept = state.parts().stream().filter(CopyState.Part::done).count();
                note.accept("resuming the copy into " + to.url().redacted() + ": " + kept + " of " + state.parts().size()
                        + " parts were copied by an earlier run and are kept (read from the source as it was then)");
            } else {
                Optional<CopyResult> done = FinishedCopies.alreadyDone(options, target, to, source, CopyService.mode(options), started, note, said);
                if (done.isPresent()) {
                    return done.get();
                }
                state = begin(target, to, schema, plans, parts(from, sessions, model, schema, plans), source);
            }
            Map<TableRef, Integer> ids = new HashMap<>();
            state.parts().forEach(p -> ids.put(p.table(), p.id()));
            List<TableRef> pending = state.parts().stream().filter(p -> !p.done()).map(CopyState.Part::table).toList();
            for (TableRef part : pending) {
                TablePlan plan = byTable.get(part.qualifiedName());
                if (plan == null || !plan.targetColumns().equals(part.columns())) {
                    throw new FerryException(ErrorCode.USAGE, "--resume: the unfinished copy has table " + part.qualifiedName()
                            + ", which the source's tables (with these options) do not give", "resume with the options of the first run", null);
                }
            }
            Map<String, Long> zeroDates = new LinkedHashMap<>();
            Map<String, Long> millis = new HashMap<>();
            Map<String, Long> firstBegan = new HashMap<>();
            RejectedRows rejects = new RejectedRows(options.rejectsDir(), options.maxRejects());
            BulkCopy bulk = to.dialect().require(BulkCopy.class, "load tables from streams");
            if (!pending.isEmpty()) {
                try (DatabaseSink sink = new DatabaseSink(to, options.jobs(), (c, t, loaded) -> CopyState.copied(c, ids.get(t), loaded))) {
                    new RangeReads(sessions.all(), to, pending.size(), progress).copy(pending, (session, meta, part) -> {
                        TablePlan plan = byTable.get(part.qualifiedName());
                        long began = System.nanoTime();
                        RowLoad.Rejects asked = options.maxRejects() == 0 ? RowLoad.Rejects.NONE
                                : new RowLoad.Rejects(rejects, part.schema().equals(schema) ? part.name() : part.qualifiedName(), bulk,
                                (c, loaded, rejected) -> CopyState.copied(c, ids.get(part), loaded, rejected));
                        RowLoad.Loaded loaded = copyTable(from, session, meta, part, plan, sink, asked);
                        synchronized (millis) {
                            // a table's time: from its first part's start to its last part's end, ranges running side by side
                            firstBegan.putIfAbsent(part.qualifiedName(), began);
                            millis.put(part.qualifiedName(), (System.nanoTime() - firstBegan.get(part.qualifiedName())) / 1_000_000);
                        }
                        if (loaded.rejected() > 0) {
                            note.accept(part.qualifiedName() + ": " + loaded.rejected() + " row" + (loaded.rejected() == 1 ? "" : "s")
                                    + " rejected by the target, set aside in " + options.rejectsDir().resolve(asked.label() + ".jsonl"));
                        }
                        long zeros = loaded.zeroDates();
                        if (zeros > 0) {
                            synchronized (zeroDates) {
                                zeroDates.merge(part.qualifiedName(), zeros, Long::sum);
                            }
                        }
                    }, table -> {
                        long zeros = zeroDates.getOrDefault(table, 0L);
                        if (zeros > 0) {
                            note.accept(table + ": " + zeros + " zero date" + (zeros == 1 ? "" : "s")
                                    + " (0000-00-00, which PostgreSQL has no value for) became NULL");
                        }
                    });
                } finally {
                    progress.finish();
                }
            }
            List<CopyState.Part> parts = CopyState.read(target, to.dialect()).orElseThrow().parts();
            if (CopyState.DATA.equals(state.phase())) {
                afterData(target, to, schema, plans, source);
            }
            String verified = check(src, from, target, to, parts, byTable);
            List<CopyResult.TableCopy> tables = new ArrayList<>();
            Map<String, List<CopyState.Part>> before = CopyState.byTable(state.parts());
            CopyState.byTable(parts).forEach((name, ofTable) -> {
                StreamCount total = ofTable.stream().map(CopyState.Part::copied).reduce(StreamCount.NONE, StreamCount::plus);
                int kept = (int) before.getOrDefault(name, List.of()).stream().filter(CopyState.Part::done).count();
                tables.add(new CopyResult.TableCopy(name, total.rows(), total.checksum(), ofTable.size(), kept, zeroDates.getOrDefault(name, 0L),
                        ofTable.stream().mapToLong(CopyState.Part::rejected).sum(), 0, millis.getOrDefault(name, 0L)));
            });
            CopyResult result = new CopyResult(source, to.url().redacted(), tables, parts.stream().mapToLong(p -> p.copied().rows()).sum(),
                    (System.nanoTime() - started) / 1_000_000, earlier.isPresent(), verified, said);
            return FinishedCopies.finish(options, target, to, CopyService.mode(options), false, parts, result);
        }
    }

    /**
     * MariaDB: a consistent snapshot as its backups take (time zone UTC, so TIMESTAMP reads as UTC), and
     * what it cannot promise (MyISAM tables outside the snapshot, views and routines not copied); SQLite:
     * a read transaction begun now.
     */
    static List<String> beginSnapshot(Database from, Connection src) throws SQLException {
        Optional<BulkCopy> bulk = from.dialect().capability(BulkCopy.class);
        if (bulk.isPresent()) {
            bulk.get().beginOwnSnapshot(src);
            // the dialect words them for a backup; the copy leaves out the same objects
            return bulk.get().warnings(src).stream().map(w -> w.replace("not in the backup", "not copied")).toList();
        }
        src.setAutoCommit(false);
        try (Statement s = src.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
            r.next(); // SQLite's deferred transaction takes its snapshot at the first read
        }
        return List.of();
    }

    private CopyState.Saved begin(Connection target, Database to, String schema, List<TablePlan> plans, List<TableRef> planned, String source)
            throws SQLException {
        List<TableRef> parts = options.schemaOnly() ? List.of() : planned;
        target.setAutoCommit(false);
        try {
            if (options.dataOnly()) {
                prepareExistingTables(target, to, plans, schema);
            } else {
                CopyService.refuseNonEmpty(target, to);
                try (Statement s = target.createStatement()) {
                    for (String sql : PostgresTargetSchema.beforeData(schema, plans)) {
                        s.execute(sql);
                    }
                }
            }
            CopyState.Saved saved = CopyState.create(target, source, CopyService.mode(options), options.tables(), parts);
            target.commit();
            return saved;
        } finally {
            CopyService.rollbackQuietly(target);
        }
    }

    /** --data-only: every planned table and column must be on the target, the tables empty unless --truncate. */
    private void prepareExistingTables(Connection target, Database to, List<TablePlan> plans, String schema) throws SQLException {
        Map<TableRef, TablePlan> byPart = new LinkedHashMap<>();
        plans.forEach(p -> byPart.put(new TableRef(schema, p.targetTable(), p.targetColumns()), p));
        List<String> missing = new ArrayList<>();
        List<String> holding = new ArrayList<>();
        for (TableRef t : byPart.keySet()) {
            Map<String, PostgresTarget.TargetColumn> columns = PostgresTarget.columns(target, t.schema(), t.name());
            if (columns.isEmpty()) {
                missing.add(t.qualifiedName() + " (from " + byPart.get(t).sourceTable() + ")");
                continue;
            }
            List<String> absent = t.columns().stream().filter(c -> !columns.containsKey(c)).toList();
            if (!absent.isEmpty()) {
                missing.add(t.qualifiedName() + " column" + (absent.size() == 1 ? " " : "s ") + String.join(", ", absent));
                continue;
            }
            String quoted = PostgresTargetSchema.table(t.schema(), t.name());
            try (Statement s = target.createStatement()) {
                if (options.truncate()) {
                    s.execute("TRUNCATE TABLE " + quoted + " CASCADE");
                } else {
                    if (PostgresTarget.holdsRows(target, quoted)) {
                        holding.add(t.qualifiedName());
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new FerryException(ErrorCode.USAGE, "--data-only: " + to.url().redacted() + " has no " + String.join("; no ", missing)
                    + "; nothing was changed", "create the schema first, or name the target's tables as the source's (--snake-case: InvoiceLine → invoice_line),"
                    + " or leave out --data-only", null);
        }
        if (!holding.isEmpty()) {
            throw new FerryException(ErrorCode.USAGE, "copy refused: " + String.join(", ", holding) + " in " + to.url().redacted()
                    + " already hold rows; nothing was changed", "pass --truncate to empty them first, or --resume to finish an interrupted copy", null);
        }
    }

    /**
     * The parts a new copy moves, parents first: each table whole, or in ranges of its integer key
     * (conditions in the source's SQL) when it is large and several sessions share the snapshot.
     */
    private List<TableRef> parts(Database from, SourceSessions sessions, SchemaModel model, String schema, List<TablePlan> plans)
            throws SQLException {
        Map<String, List<String>> ranges = new HashMap<>();
        if (sessions.all().size() > 1) {
            for (TableRef r : TableParts.of(sessions.first(), from.dialect(), model, sessions.all().size())) {
                ranges.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r.where());
            }
        }
        List<TableRef> parts = new ArrayList<>();
        for (TablePlan p : plans) {
            for (String where : ranges.getOrDefault(p.sourceTable(), java.util.Collections.singletonList(null))) {
                parts.add(new TableRef(schema, p.targetTable(), p.targetColumns(), where));
            }
        }
        return parts;
    }

    /** Streams one table, or one key range of it, into its part's load; the zero dates written as NULL and the rows set aside. */
    private RowLoad.Loaded copyTable(Database from, Connection src, Connection target, TableRef part, TablePlan plan, DatabaseSink sink,
                                     RowLoad.Rejects rejects) throws SQLException {
        String select = "SELECT " + String.join(", ", plan.columns().stream().map(TablePlan.ColumnPlan::sourceExpression).toList()) + " FROM "
                + from.dialect().quoteIdentifier(plan.sourceTable()) + (part.where() == null ? "" : " WHERE " + part.where());
        return RowLoad.load(src, new RowLoad.Query(select, plan.sourceTable(), plan.columns().stream().map(TablePlan.ColumnPlan::sourceName).toList()),
                target, part, sink, rejects);
    }

    /** Keys, indexes and foreign keys (not with --data-only, whose schema has its own), identity positions, the phase: one transaction. */
    private void afterData(Connection target, Database to, String schema, List<TablePlan> plans, String source) throws SQLException {
        target.setAutoCommit(false);
        try (Statement s = target.createStatement()) {
            if (!options.dataOnly()) {
                s.execute("SET LOCAL maintenance_work_mem = '512MB'");
                for (String sql : PostgresTargetSchema.afterData(schema, plans)) {
                    s.execute(sql);
                }
            }
            List<String> tables = plans.stream().map(p -> PostgresTargetSchema.table(schema, p.targetTable())).toList();
            for (String sql : to.dialect().require(BulkCopy.class, "load tables from streams").sequencesPastRows(target, tables)) {
                s.execute(sql);
            }
            CopyState.phase(target, CopyState.POST_DATA, source);
            target.commit();
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "the rows are copied but the keys, indexes and foreign keys did not apply: "
                    + e.getMessage() + " (" + to.url().redacted() + " has the rows without them)", null, e);
        } finally {
            CopyService.rollbackQuietly(target);
        }
    }

    /**
     * Every load already compared the server's count with the rows sent; with --verify each table is
     * also counted on both sides (the source in its snapshot). Checksums would hash two different
     * encodings, so a cross-database copy is verified by counts.
     */
    private String check(Connection src, Database from, Connection target, Database to, List<CopyState.Part> parts, Map<String, TablePlan> byTable)
            throws SQLException {
        if (!options.verify()) {
            return "counts";
        }
        // a table read in key ranges is counted whole, against the rows of all its ranges
        List<CopyState.Part> tables = new ArrayList<>();
        CopyState.byTable(parts).forEach((name, ofTable) -> {
            CopyState.Part first = ofTable.get(0);
            StreamCount copied = ofTable.stream().map(CopyState.Part::copied).reduce(StreamCount.NONE, StreamCount::plus);
            tables.add(new CopyState.Part(first.id(), new TableRef(first.table().schema(), first.table().name(), first.table().columns()), copied,
                    ofTable.stream().mapToLong(CopyState.Part::rejected).sum()));
        });
        return TableCounts.verify(target, to, tables, p -> byTable.containsKey(p.table().qualifiedName())
                ? PostgresTarget.count(src, from.dialect().quoteIdentifier(byTable.get(p.table().qualifiedName()).sourceTable())) : p.copied().rows());
    }
}
