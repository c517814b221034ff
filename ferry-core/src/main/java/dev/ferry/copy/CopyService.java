package dev.ferry.copy;

import dev.ferry.backup.EmptyDatabase;
import dev.ferry.backup.SchemaScripts;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.fault.FaultPoints;
import dev.ferry.report.Progress;
import dev.ferry.schema.model.SchemaModel;
import dev.ferry.schema.model.Table;
import dev.ferry.spi.BulkCopy;
import dev.ferry.spi.Database;
import dev.ferry.spi.SchemaInspection;
import dev.ferry.spi.SqlSplitter;
import dev.ferry.spi.TableStats;
import dev.ferry.stream.DatabaseSink;
import dev.ferry.stream.StreamCount;
import dev.ferry.stream.TableParts;
import dev.ferry.stream.TableRef;
import dev.ferry.stream.TableStreams;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code ferry copy}: one database's tables into another, with no file in between. The source is
 * read from one snapshot by several sessions, large tables in key ranges; each table or range is
 * piped into the target in a transaction that also marks it copied in {@code ferry_copy_state}, so
 * that {@code --resume} after a crash copies what is missing and nothing twice. The schema comes
 * from the source's model: tables before the data, constraints, indexes, foreign keys and sequence
 * positions after. Every load is checked against the rows the stream held before it commits; with
 * {@code verify} every table is counted and read back and its checksum compared, and a copy that
 * fails that check is marked so that no resume finishes it.
 */
public final class CopyService {
    private final CopyOptions options;
    private final Progress progress;
    private final Consumer<String> notes;

    /** @param notes told, as it happens, what the reader should know (an earlier run's parts kept) */
    public CopyService(CopyOptions options, Progress progress, Consumer<String> notes) {
        this.options = options;
        this.progress = progress;
        this.notes = notes;
    }

    public CopyResult copy(Database from, Database to) {
        long started = System.nanoTime();
        if (!from.dialect().name().equals(to.dialect().name()) || options.snakeCase()) {
            return acrossDialects(from, to, started);
        }
        if (options.maxRejects() > 0) {
            throw new FerryException(ErrorCode.USAGE, "--max-rejects sets aside rows that another database or a mapping's target refuses; a copy between"
                    + " two " + to.dialect().name() + " databases moves every row as it is, or fails naming the one refused",
                    "leave out --max-rejects (or copy through a --mapping)");
        }
        if (!to.dialect().name().equals("PostgreSQL")) {
            refuseOtherDialects(from, to); // a copy within MariaDB or SQLite is not built: only PostgreSQL's binary COPY ends every stream with a trailer
        }
        SchemaInspection inspection = from.dialect().require(SchemaInspection.class, "copy a schema");
        BulkCopy bulk = from.dialect().require(BulkCopy.class, "copy tables as streams");
        String source = from.url().redacted();
        List<String> said = new ArrayList<>();
        Consumer<String> note = n -> {
            said.add(n);
            notes.accept(n);
        };
        try (TableStreams.Reader reader = TableStreams.reader(from, options.jobs()); Connection target = to.connect()) {
            SchemaModel model = chosen(options, inspection.inspectSchema(reader.connection(), null));
            Optional<CopyState.Saved> earlier = CopyState.read(target, to.dialect());
            CopyState.Saved state;
            if (earlier.isPresent()) {
                state = resumable(options, earlier.get(), source, to);
                long kept = state.parts().stream().filter(CopyState.Part::done).count();
                note.accept("resuming the copy into " + to.url().redacted() + ": " + kept + " of " + state.parts().size()
                        + " parts were copied by an earlier run and are kept (read from the source as it was then)");
            } else {
                if (options.resume()) {
                    Optional<CopyResult> done = FinishedCopies.alreadyDone(options, target, to, source, mode(options), started, note, said);
                    if (done.isPresent()) {
                        return done.get();
                    }
                    note.accept(to.url().redacted() + " holds no unfinished copy: starting a new one");
                }
                state = begin(reader, from, target, to, model, source, inspection, bulk);
            }
            FaultPoints.reach("copy.after-schema");
            Map<TableRef, Integer> ids = new HashMap<>();
            state.parts().forEach(p -> ids.put(p.table(), p.id()));
            List<TableRef> pending = state.parts().stream().filter(p -> !p.done()).map(CopyState.Part::table).toList();
            if (!pending.isEmpty()) {
                try (DatabaseSink sink = new DatabaseSink(to, options.jobs(), (c, t, loaded) -> CopyState.copied(c, ids.get(t), loaded))) {
                    reader.read(pending, sink, progress, TableParts.estimatedRows(reader.connection(), from.dialect(), model));
                }
            }
            List<CopyState.Part> parts = CopyState.read(target, to.dialect()).orElseThrow().parts();
            FaultPoints.reach("copy.before-post-data");
            if (CopyState.DATA.equals(state.phase())) {
                afterData(reader, target, to, model, source, bulk, inspection);
            }
            FaultPoints.reach("copy.after-post-data");
            String verified = check(to, target, parts);
            CopyResult result = new CopyResult(source, to.url().redacted(), tables(parts, state), parts.stream().mapToLong(p -> p.copied().rows()).sum(),
                    (System.nanoTime() - started) / 1_000_000, earlier.isPresent(), verified, said);
            return FinishedCopies.finish(options, target, to, mode(options), true, parts, result);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "copying " + source + " into " + to.url().redacted() + " failed: " + e.getMessage()
                    + "; every table or range committed so far is kept with its checkpoint", "run the same ferry copy with --resume to finish it", e);
        } catch (FerryException e) {
            if (e.code() == ErrorCode.STEP_FAILED || e.code() == ErrorCode.SQL) {
                throw new FerryException(e.code(), "copying " + source + " into " + to.url().redacted() + " did not finish: " + e.getMessage()
                        + "; every table or range committed so far is kept with its checkpoint",
                        "fix the cause, then run the same ferry copy with --resume to finish it", e);
            }
            throw e;
        }
    }

    /** MariaDB/MySQL or SQLite into PostgreSQL, and PostgreSQL into them, in classes of their own so that this path stays as it is. */
    private CopyResult acrossDialects(Database from, Database to, long started) {
        boolean outOfPostgres = OutOfPostgresCopy.serves(from, to);
        if (!outOfPostgres && !CrossDialectCopy.serves(from, to)) {
            refuseOtherDialects(from, to);
        }
        String source = from.url().redacted();
        List<String> said = new ArrayList<>();
        Consumer<String> note = n -> {
            said.add(n);
            notes.accept(n);
        };
        try {
            return outOfPostgres ? new OutOfPostgresCopy(options, progress).copy(from, to, source, note, said, started)
                    : new CrossDialectCopy(options, progress).copy(from, to, source, note, said, started);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "copying " + source + " into " + to.url().redacted() + " failed: " + e.getMessage()
                    + "; every table committed so far is kept with its checkpoint", "run the same ferry copy with --resume to finish it", e);
        } catch (FerryException e) {
            if (e.code() == ErrorCode.STEP_FAILED || e.code() == ErrorCode.SQL) {
                throw new FerryException(e.code(), "copying " + source + " into " + to.url().redacted() + " did not finish: " + e.getMessage()
                        + "; every table committed so far is kept with its checkpoint",
                        e.hint().map(h -> h + "; then").orElse("fix the cause, then") + " run the same ferry copy with --resume to finish it", e);
            }
            throw e;
        }
    }

    /** The source's model, of the tables asked for (all when none were named). */
    static SchemaModel chosen(CopyOptions options, SchemaModel model) {
        if (options.tables().isEmpty()) {
            return model;
        }
        List<Table> tables = new ArrayList<>();
        for (String name : options.tables()) {
            Table t = model.tables().stream().filter(x -> x.name().equals(name) || (x.schema() + "." + x.name()).equals(name)).findFirst()
                    .orElseThrow(() -> new FerryException(ErrorCode.USAGE, "--tables names " + name + ", which the source does not have",
                            "name tables as the source does (album or public.album); ferry inspect lists them"));
            if (!tables.contains(t)) {
                tables.add(t);
            }
        }
        return new SchemaModel(model.schemas(), model.extensions(), model.enums(), model.domains(), model.sequences(), List.of(), tables,
                List.of(), List.of(), List.of());
    }

    /** A new copy: the schema (unless data only) and the plan of parts, in one transaction. */
    private CopyState.Saved begin(TableStreams.Reader reader, Database from, Connection target, Database to, SchemaModel model, String source,
                                  SchemaInspection inspection, BulkCopy bulk) throws SQLException {
        List<TableRef> parts = options.schemaOnly() ? List.of() : TableParts.of(reader.connection(), from.dialect(), model, options.jobs());
        target.setAutoCommit(false);
        try {
            if (options.dataOnly()) {
                prepareExistingTables(target, to, model);
            } else {
                refuseNonEmpty(target, to);
                run(target, scripts(reader, model, inspection, bulk).preData());
            }
            CopyState.Saved saved = CopyState.create(target, source, mode(options), options.tables(), parts);
            target.commit();
            return saved;
        } finally {
            rollbackQuietly(target);
        }
    }

    /**
     * Constraints, indexes, foreign keys, triggers and sequence positions, with the phase, in one
     * transaction; data only: the sequences of the copied tables moved past their rows, none other.
     */
    private void afterData(TableStreams.Reader reader, Connection target, Database to, SchemaModel model, String source, BulkCopy bulk,
                           SchemaInspection inspection) throws SQLException {
        BulkCopy targetBulk = to.dialect().require(BulkCopy.class, "load tables from streams");
        String script = options.dataOnly() ? String.join(";\n", targetBulk.sequencesPastRows(target, model.tables().stream()
                .map(t -> to.dialect().quoteIdentifier(t.schema()) + "." + to.dialect().quoteIdentifier(t.name())).toList()))
                : scripts(reader, model, inspection, bulk).postData();
        targetBulk.prepareIndexBuilds(target);
        target.setAutoCommit(false);
        try {
            run(target, script);
            CopyState.phase(target, CopyState.POST_DATA, source);
            target.commit();
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "the rows are copied but the constraints, indexes and foreign keys did not apply: "
                    + e.getMessage() + " (" + to.url().redacted() + " has the rows without them)", null, e);
        } finally {
            rollbackQuietly(target);
        }
    }

    private static SchemaScripts scripts(TableStreams.Reader reader, SchemaModel model, SchemaInspection inspection, BulkCopy bulk) throws SQLException {
        List<String> positions = bulk.sequencePositions(reader.connection());
        return SchemaScripts.of(model, EmptyDatabase.model(model), inspection.schemaSql(), positions);
    }

    /**
     * With {@code verify}: every table's count on the target against the rows its loads took, and
     * every table read back and hashed against the checksum of what the source sent. Without, the
     * server's own count of each load, compared as it committed, is the check.
     */
    private String check(Database to, Connection target, List<CopyState.Part> parts) throws SQLException {
        if (!options.verify()) {
            return "counts"; // every load already compared the server's own count of the rows it took with the rows sent
        }
        List<String> differences = new ArrayList<>();
        CopyState.byTable(parts).forEach((name, ofTable) -> {
            long expected = ofTable.stream().mapToLong(p -> p.copied().rows()).sum();
            try {
                long counted = to.dialect().countRows(target, new TableStats(ofTable.get(0).table().schema(), ofTable.get(0).table().name(), 0, 0, 0));
                if (counted != expected) {
                    differences.add(name + ": " + counted + " rows, where " + expected + " were copied");
                }
            } catch (SQLException e) {
                differences.add(name + ": cannot be counted (" + e.getMessage() + ")");
            }
        });
        if (differences.isEmpty()) {
            Map<TableRef, StreamCount> readBack;
            try (TableStreams.Reader back = TableStreams.reader(to, options.jobs())) {
                readBack = back.read(parts.stream().map(CopyState.Part::table).toList(), t -> OutputStream.nullOutputStream(), progress);
            }
            for (CopyState.Part p : parts) {
                StreamCount r = readBack.get(p.table());
                if (r.rows() != p.copied().rows() || !r.checksum().equals(p.copied().checksum())) {
                    differences.add(p.table().label() + ": reads back as " + r.rows() + " rows, checksum " + r.checksum() + ", where the source sent "
                            + p.copied().rows() + " rows, checksum " + p.copied().checksum());
                }
            }
        }
        if (!differences.isEmpty()) {
            // recorded, so that no later --resume, with or without --verify, can finish this copy as if it were sound
            CopyState.phase(target, CopyState.VERIFY_FAILED, CopyState.read(target, to.dialect()).orElseThrow().from());
            throw new FerryException(ErrorCode.CHECK_FAILED, "the copy into " + to.url().redacted() + " does not match what was sent: "
                    + String.join("; ", differences), "ferry_copy_state on the target keeps what each part sent; drop the target and copy again", null);
        }
        return "checksums";
    }

    private static List<CopyResult.TableCopy> tables(List<CopyState.Part> parts, CopyState.Saved before) {
        List<CopyResult.TableCopy> tables = new ArrayList<>();
        Map<String, List<CopyState.Part>> earlier = CopyState.byTable(before.parts());
        CopyState.byTable(parts).forEach((name, ofTable) -> {
            StreamCount total = ofTable.stream().map(CopyState.Part::copied).reduce(StreamCount.NONE, StreamCount::plus);
            int kept = (int) earlier.getOrDefault(name, List.of()).stream().filter(CopyState.Part::done).count();
            tables.add(new CopyResult.TableCopy(name, total.rows(), total.checksum(), ofTable.size(), kept));
        });
        return tables;
    }

    /** How a copy was asked for, as its state records it: full, data-only or schema-only. */
    static String mode(CopyOptions options) {
        return options.dataOnly() ? "data-only" : options.schemaOnly() ? "schema-only" : "full";
    }

    /** The unfinished copy {@code saved}, when this run may finish it; else why not. */
    static CopyState.Saved resumable(CopyOptions options, CopyState.Saved saved, String source, Database to) {
        return resumable(options, saved, source, to, mode(options));
    }

    /** As {@link #resumable(CopyOptions, CopyState.Saved, String, Database)}, for a copy asked for as {@code mode}. */
    static CopyState.Saved resumable(CopyOptions options, CopyState.Saved saved, String source, Database to, String mode) {
        long done = saved.parts().stream().filter(CopyState.Part::done).count();
        if (CopyState.VERIFY_FAILED.equals(saved.phase())) {
            throw new FerryException(ErrorCode.USAGE, to.url().redacted() + " holds a copy from " + saved.from()
                    + " whose verification found it different from the source; it is not resumed", "drop the target's tables and "
                    + CopyState.TABLE + ", then copy again", null);
        }
        if (!options.resume()) {
            throw new FerryException(ErrorCode.USAGE, to.url().redacted() + " holds an unfinished copy from " + saved.from() + " (" + done + " of "
                    + saved.parts().size() + " parts copied); nothing was changed",
                    "run the same ferry copy with --resume to finish it, or drop the target's tables and " + CopyState.TABLE + " to start over");
        }
        if (options.resume() && (!saved.mode().equals(mode) || !saved.tables().equals(options.tables()))) {
            throw new FerryException(ErrorCode.USAGE, "--resume: the unfinished copy in " + to.url().redacted() + " was started as a " + saved.mode()
                    + " copy" + (saved.tables().isEmpty() ? "" : " of " + String.join(", ", saved.tables())) + ", and this run asks for a " + mode
                    + " copy" + (options.tables().isEmpty() ? "" : " of " + String.join(", ", options.tables())) + "; nothing was changed",
                    "resume with the options it was started with", null);
        }
        if (!saved.from().equals(source)) {
            throw new FerryException(ErrorCode.USAGE, "--resume: the unfinished copy in " + to.url().redacted() + " came from " + saved.from()
                    + ", not " + source + "; nothing was changed", "resume with --from " + saved.from());
        }
        return saved;
    }

    private void refuseOtherDialects(Database from, Database to) {
        if (options.snakeCase() && from.dialect().name().equals(to.dialect().name()) && to.dialect().name().equals("PostgreSQL")) {
            throw new FerryException(ErrorCode.USAGE, "--snake-case renames tables and columns on the way into PostgreSQL from MariaDB/MySQL or SQLite;"
                    + " a copy from " + from.dialect().name() + " into " + to.dialect().name() + " keeps the names", "leave out --snake-case", null);
        }
        throw new FerryException(ErrorCode.UNSUPPORTED, "ferry copy moves PostgreSQL into PostgreSQL, MariaDB/MySQL or SQLite,"
                + " and MariaDB/MySQL or SQLite into PostgreSQL so far;"
                + " copying " + from.dialect().name() + " into " + to.dialect().name() + " (type mapping in that direction) is not built yet",
                "copy into a PostgreSQL database, or use ferry backup and restore", null);
    }

    static void refuseNonEmpty(Connection target, Database to) throws SQLException {
        List<TableStats> tables = to.dialect().tables(target);
        if (!tables.isEmpty()) {
            String names = String.join(", ", tables.stream().limit(5).map(TableStats::qualifiedName).toList()) + (tables.size() > 5 ? ", …" : "");
            throw new FerryException(ErrorCode.USAGE, "copy refused: " + to.url().redacted() + " is not empty (" + tables.size()
                    + (tables.size() == 1 ? " table: " : " tables: ") + names + "); nothing was changed",
                    "copy into a new, empty database, or pass --data-only to fill the tables it has");
        }
    }

    /** --data-only: every table must be there, and empty unless --truncate empties it (in the plan's transaction). */
    private void prepareExistingTables(Connection target, Database to, SchemaModel model) throws SQLException {
        Map<String, TableStats> present = new HashMap<>();
        to.dialect().tables(target).forEach(t -> present.put(t.qualifiedName(), t));
        List<String> missing = new ArrayList<>();
        List<String> holding = new ArrayList<>();
        List<String> emptied = new ArrayList<>();
        for (Table t : model.tables()) {
            String name = t.schema() + "." + t.name();
            if (!present.containsKey(name)) {
                missing.add(name);
            } else if (options.truncate()) {
                emptied.add(to.dialect().quoteIdentifier(t.schema()) + "." + to.dialect().quoteIdentifier(t.name()));
            } else if (to.dialect().countRows(target, new TableStats(t.schema(), t.name(), 0, 0, 0)) > 0) {
                holding.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new FerryException(ErrorCode.USAGE, "--data-only: " + to.url().redacted() + " has no table " + String.join(", ", missing)
                    + "; nothing was changed", "create the schema first (ferry migrate, or ferry copy --schema-only), or leave out --data-only");
        }
        if (!emptied.isEmpty()) {
            // the named tables only: CASCADE would also empty every table that refers to them, which nobody asked for
            try (Statement s = target.createStatement()) {
                s.execute("TRUNCATE TABLE " + String.join(", ", emptied));
            } catch (SQLException e) {
                throw new FerryException(ErrorCode.USAGE, "--truncate: " + to.url().redacted() + " refuses to empty " + String.join(", ", emptied)
                        + " alone: " + e.getMessage().lines().map(String::strip).collect(java.util.stream.Collectors.joining(" ")) + "; nothing was changed",
                        "name the tables that refer to them in --tables as well, or empty them yourself", e);
            }
        }
        if (!holding.isEmpty()) {
            throw new FerryException(ErrorCode.USAGE, "copy refused: " + String.join(", ", holding) + " in " + to.url().redacted()
                    + " already hold rows; nothing was changed", "pass --truncate to empty them first, or --resume to finish an interrupted copy");
        }
    }

    private static void run(Connection target, String script) throws SQLException {
        try (Statement s = target.createStatement()) {
            for (SqlSplitter.Statement st : SqlSplitter.split(script, false)) {
                s.execute(st.sql());
            }
        }
    }

    static void rollbackQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // the session is broken; closing it ends the transaction
        }
    }
}
