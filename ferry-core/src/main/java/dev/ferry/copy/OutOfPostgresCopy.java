package dev.ferry.copy;

import dev.ferry.copy.out.BatchInsertLoad;
import dev.ferry.copy.out.LoadDataLoad;
import dev.ferry.copy.out.OutPlans;
import dev.ferry.copy.out.OutSchema;
import dev.ferry.copy.out.OutTable;
import dev.ferry.copy.out.OutTarget;
import dev.ferry.copy.out.PgCatalog;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.fault.FaultPoints;
import dev.ferry.report.Progress;
import dev.ferry.schema.model.SchemaModel;
import dev.ferry.spi.BulkCopy;
import dev.ferry.spi.BulkRowFormat;
import dev.ferry.spi.Database;
import dev.ferry.spi.SchemaInspection;
import dev.ferry.spi.TableStats;
import dev.ferry.stream.DatabaseSink;
import dev.ferry.stream.StreamCount;
import dev.ferry.stream.TableRef;
import dev.ferry.stream.TableStreams;

import java.sql.Connection;
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
 * {@code ferry copy} from PostgreSQL into MariaDB/MySQL or SQLite, for the types they share: the
 * source read in one REPEATABLE READ, read-only snapshot; the schema made on the target from the
 * source's catalog ({@link OutPlans}, which refuses by name, before anything is written, every column
 * the target cannot represent); then each table, parents first, in one transaction that also marks
 * it copied in {@code ferry_copy_state}: MariaDB by {@code LOAD DATA LOCAL} fed from the stream,
 * SQLite by batched inserts. Indexes, foreign keys and identity positions follow the data.
 * MariaDB commits each CREATE TABLE by itself, so a copy stopped while it made the schema leaves
 * tables without a checkpoint: the target is then refused as not empty, and is dropped and copied again.
 */
final class OutOfPostgresCopy {
    private final CopyOptions options;
    private final Progress progress;

    OutOfPostgresCopy(CopyOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Whether this copy can move {@code from} into {@code to}. */
    static boolean serves(Database from, Database to) {
        return from.dialect().name().equals("PostgreSQL") && OutTarget.of(to.dialect().name()) != null;
    }

    CopyResult copy(Database from, Database to, String source, Consumer<String> note, List<String> said, long started) throws SQLException {
        if (options.snakeCase()) {
            throw new FerryException(ErrorCode.USAGE, "--snake-case renames tables and columns on the way into PostgreSQL; a copy from PostgreSQL into "
                    + to.dialect().name() + " keeps the names", "leave out --snake-case", null);
        }
        OutTarget kind = OutTarget.of(to.dialect().name());
        SchemaInspection inspection = from.dialect().require(SchemaInspection.class, "copy a schema");
        UnaryOperator<String> pg = from.dialect()::quoteIdentifier;
        UnaryOperator<String> quote = to.dialect()::quoteIdentifier;
        try (Connection src = from.connect(); Connection target = to.connect()) {
            from.dialect().require(BulkCopy.class, "read tables in a snapshot").beginOwnSnapshot(src); // REPEATABLE READ, READ ONLY
            try (Statement s = src.createStatement()) {
                s.execute("SET DateStyle = 'ISO, YMD'"); // dates as both targets read them
                s.execute("SET extra_float_digits = 1"); // floats in their shortest text that reads back as the same value
            }
            SchemaModel model = CopyService.chosen(options, inspection.inspectSchema(src, null));
            List<OutTable> plans = OutPlans.of(src, PgCatalog.read(src, model.tables()), kind, to.dialect().name(), pg, note);
            Map<TableRef, OutTable> byPart = new LinkedHashMap<>();
            plans.forEach(p -> byPart.put(new TableRef(null, p.name(), p.columnNames()), p));
            OutSchema schema = new OutSchema(kind, to.dialect().require(SchemaInspection.class, "create tables").schemaSql(), quote);
            Optional<CopyState.Saved> earlier = CopyState.read(target, to.dialect());
            CopyState.Saved state;
            if (earlier.isPresent()) {
                state = CopyService.resumable(options, earlier.get(), source, to);
                long kept = state.parts().stream().filter(CopyState.Part::done).count();
                note.accept("resuming the copy into " + to.url().redacted() + ": " + kept + " of " + state.parts().size()
                        + " tables were copied by an earlier run and are kept (read from the source as it was then)");
            } else {
                Optional<CopyResult> done = FinishedCopies.alreadyDone(options, target, to, source, CopyService.mode(options), started, note, said);
                if (done.isPresent()) {
                    return done.get();
                }
                state = begin(target, to, plans, byPart, schema, source);
            }
            load(src, target, to, kind, state, byPart, pg, quote);
            List<CopyState.Part> parts = CopyState.read(target, to.dialect()).orElseThrow().parts();
            if (CopyState.DATA.equals(state.phase())) {
                afterData(target, to, plans, schema, source);
            }
            String verified = options.verify() ? TableCounts.verify(target, to, parts, p -> count(src, from, byPart.get(p.table()), p)) : "counts";
            CopyResult result = result(source, to, state, parts, started, earlier.isPresent(), verified, said);
            return FinishedCopies.finish(options, target, to, CopyService.mode(options), false, parts, result);
        }
    }

    private void load(Connection src, Connection target, Database to, OutTarget kind, CopyState.Saved state, Map<TableRef, OutTable> byPart,
                      UnaryOperator<String> pg, UnaryOperator<String> quote) throws SQLException {
        Map<TableRef, Integer> ids = new HashMap<>();
        state.parts().forEach(p -> ids.put(p.table(), p.id()));
        List<TableRef> pending = state.parts().stream().filter(p -> !p.done()).map(CopyState.Part::table).toList();
        if (pending.isEmpty()) {
            return;
        }
        TableStreams.BeforeCommit checkpoint = (c, t, loaded) -> CopyState.copied(c, ids.get(t), loaded);
        try (DatabaseSink sink = kind == OutTarget.MARIADB ? new DatabaseSink(to, 1, checkpoint) : null) {
            long done = 0;
            for (TableRef part : pending) {
                OutTable plan = byPart.get(part);
                if (plan == null) {
                    throw new FerryException(ErrorCode.USAGE, "--resume: the unfinished copy has table " + part.qualifiedName()
                            + ", which the source's tables (with these options) do not give", "resume with the options of the first run", null);
                }
                if (sink != null) {
                    LoadDataLoad.load(src, plan, pg, part, sink, to.dialect().require(BulkRowFormat.class, "load rows written by Ferry"));
                } else {
                    BatchInsertLoad.load(src, plan, pg, target, quote, part, checkpoint);
                }
                FaultPoints.reach("copy.out.after-table");
                progress.update(part.label(), ++done, pending.size());
            }
        } finally {
            progress.finish();
        }
    }

    /** A new copy: the tables (unless data only) and the plan of parts; one transaction where the target's DDL is transactional (SQLite). */
    private CopyState.Saved begin(Connection target, Database to, List<OutTable> plans, Map<TableRef, OutTable> byPart, OutSchema schema, String source)
            throws SQLException {
        List<TableRef> parts = options.schemaOnly() ? List.of() : List.copyOf(byPart.keySet());
        target.setAutoCommit(false);
        try {
            if (options.dataOnly()) {
                prepareExistingTables(target, to, plans);
            } else {
                CopyService.refuseNonEmpty(target, to);
                try (Statement s = target.createStatement()) {
                    for (String sql : schema.beforeData(plans)) {
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

    /** --data-only: every planned table must be on the target with the planned columns, and empty unless --truncate empties it (children first). */
    private void prepareExistingTables(Connection target, Database to, List<OutTable> plans) throws SQLException {
        Map<String, TableStats> present = new HashMap<>();
        to.dialect().tables(target).forEach(t -> present.put(t.name(), t));
        List<String> missing = new ArrayList<>();
        List<String> holding = new ArrayList<>();
        for (OutTable p : plans) {
            TableStats t = present.get(p.name());
            if (t == null) {
                missing.add(p.name());
            } else if (!options.truncate() && to.dialect().countRows(target, t) > 0) {
                holding.add(p.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new FerryException(ErrorCode.USAGE, "--data-only: " + to.url().redacted() + " has no table " + String.join(", ", missing)
                    + "; nothing was changed", "create the schema first (ferry copy --schema-only), or leave out --data-only", null);
        }
        if (!holding.isEmpty()) {
            throw new FerryException(ErrorCode.USAGE, "copy refused: " + String.join(", ", holding) + " in " + to.url().redacted()
                    + " already hold rows; nothing was changed", "pass --truncate to empty them first, or --resume to finish an interrupted copy", null);
        }
        if (options.truncate()) {
            try (Statement s = target.createStatement()) {
                if (to.dialect().name().equals("MySQL/MariaDB")) {
                    s.execute("SET SESSION foreign_key_checks = 0"); // the tables are emptied together; the load refills them parents first
                }
                for (int i = plans.size() - 1; i >= 0; i--) {
                    s.execute("DELETE FROM " + to.dialect().quoteIdentifier(plans.get(i).name()));
                }
                if (to.dialect().name().equals("MySQL/MariaDB")) {
                    s.execute("SET SESSION foreign_key_checks = 1");
                }
            }
        }
    }

    /** Indexes and foreign keys (not with --data-only, whose tables have their own), identity positions, the phase. */
    private void afterData(Connection target, Database to, List<OutTable> plans, OutSchema schema, String source) throws SQLException {
        target.setAutoCommit(false);
        try (Statement s = target.createStatement()) {
            boolean positions = !options.dataOnly() || !to.dialect().name().equals("SQLite") || hasSqliteSequence(s);
            for (String sql : schema.afterData(plans, !options.dataOnly(), positions)) {
                s.execute(sql);
            }
            CopyState.phase(target, CopyState.POST_DATA, source);
            target.commit();
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "the rows are copied but the indexes and foreign keys did not apply: "
                    + e.getMessage() + " (" + to.url().redacted() + " has the rows without them)", null, e);
        } finally {
            CopyService.rollbackQuietly(target);
        }
    }

    /** Whether an SQLite database has AUTOINCREMENT tables (their positions are kept in sqlite_sequence, which exists only then). */
    private static boolean hasSqliteSequence(Statement s) throws SQLException {
        try (java.sql.ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_sequence'")) {
            return r.next() && r.getLong(1) > 0;
        }
    }

    private static long count(Connection src, Database from, OutTable plan, CopyState.Part part) throws SQLException {
        if (plan == null) {
            return part.copied().rows();
        }
        return from.dialect().countRows(src, new TableStats(plan.source().schema(), plan.name(), 0, 0, 0));
    }

    private static CopyResult result(String source, Database to, CopyState.Saved state, List<CopyState.Part> parts, long started, boolean resumed,
                                     String verified, List<String> said) {
        List<CopyResult.TableCopy> tables = new ArrayList<>();
        Map<String, List<CopyState.Part>> before = CopyState.byTable(state.parts());
        CopyState.byTable(parts).forEach((name, ofTable) -> {
            StreamCount total = ofTable.stream().map(CopyState.Part::copied).reduce(StreamCount.NONE, StreamCount::plus);
            int kept = (int) before.getOrDefault(name, List.of()).stream().filter(CopyState.Part::done).count();
            tables.add(new CopyResult.TableCopy(name, total.rows(), total.checksum(), ofTable.size(), kept));
        });
        return new CopyResult(source, to.url().redacted(), tables, parts.stream().mapToLong(p -> p.copied().rows()).sum(),
                (System.nanoTime() - started) / 1_000_000, resumed, verified, said);
    }
}
