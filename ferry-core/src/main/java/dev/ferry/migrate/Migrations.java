package dev.ferry.migrate;

import dev.ferry.connect.HistoryConfig;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Progress;
import dev.ferry.spi.Database;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Schema migrations of one database from one set of files: migrate, status, check, repair,
 * baseline, undo. Every command that writes takes the migration lock first, so two Ferry runs
 * never interleave.
 *
 * <pre>{@code
 * Migrations m = new Migrations(database, MigrationScanner.scanDirectory(Path.of("migrations")), HistoryConfig.DEFAULT, Progress.NONE);
 * MigrateResult r = m.migrate(MigrateOptions.defaults());
 * }</pre>
 */
public final class Migrations {
    private final Database database;
    private final MigrationSet files;
    private final HistoryConfig historyConfig;
    private final Progress progress;

    public Migrations(Database database, MigrationSet files, HistoryConfig historyConfig, Progress progress) {
        this.database = database;
        this.files = files;
        this.historyConfig = historyConfig;
        this.progress = progress;
    }

    /** The history table, its name pinned to the schema the session starts in. */
    HistoryTable history(MigrationSession session) throws SQLException {
        return new HistoryTable(database.dialect(), historyConfig, database.dialect().currentSchema(session.connection()));
    }

    public MigrationSet files() {
        return files;
    }

    Progress progress() {
        return progress;
    }

    public MigrateResult migrate(MigrateOptions options) {
        return new MigrateRun(this, options).run();
    }

    public StatusResult status() {
        try (MigrationSession s = MigrationSession.open(database, null)) {
            List<HistoryRow> rows = history(s).read(s.connection());
            List<MigrationStatus> statuses = StatusCalculator.calculate(files, rows);
            return new StatusResult(database.url().redacted(), files.location(), schemaVersion(statuses), statuses,
                    unmanaged(s, rows).orElse(null), null);
        } catch (SQLException e) {
            throw sqlFailure("reading the history", e);
        }
    }

    /** Brings the history in line with renamed files, clears failed entries and (on request) accepts edits. */
    public ChangeResult repair(boolean acceptEdits, Duration lockTimeout) {
        return repair(acceptEdits, false, lockTimeout);
    }

    /** As {@link #repair(boolean, Duration)}; {@code forgetMissing} also removes the history of files deleted on purpose. */
    public ChangeResult repair(boolean acceptEdits, boolean forgetMissing, Duration lockTimeout) {
        return new RepairRun(this, acceptEdits, forgetMissing).run(lockTimeout);
    }

    /** Starts the history of an existing database at {@code version}: files up to it are taken as applied. */
    public ChangeResult baseline(MigrationVersion version, String description, Duration lockTimeout) {
        try (MigrationSession s = open(lockTimeout)) {
            HistoryTable history = history(s);
            history.create(s.connection());
            List<HistoryRow> rows = history.read(s.connection());
            if (!rows.isEmpty()) {
                throw new FerryException(ErrorCode.USAGE, "the history " + history.name() + " already has " + entries(rows.size())
                        + "; a baseline starts an empty history", "ferry status shows where the database stands");
            }
            history.insert(s.connection(), new HistoryRow(0, version.toString(), description, MigrationKind.BASELINE, "<< baseline >>", null,
                    Checksums.VERSION, s.installedBy(), java.time.Instant.now(), 0, true, true, null));
            return new ChangeResult(database.url().redacted(), "baseline",
                    List.of("recorded baseline " + version + " in " + history.name() + ": migrations up to " + version + " count as applied"), List.of());
        } catch (SQLException e) {
            throw sqlFailure("writing the baseline", e);
        }
    }

    /** Runs the undo scripts of applied migrations above {@code to} (only the latest when null), newest first. */
    public ChangeResult undo(MigrationVersion to, Duration lockTimeout) {
        return new UndoRun(this).run(to, lockTimeout);
    }

    /** Takes over the history of Flyway ({@code flyway_schema_history}) or Prisma ({@code _prisma_migrations}). */
    public ChangeResult adopt(String tool, Duration lockTimeout) {
        return new AdoptRun(this).run(tool, lockTimeout);
    }

    /** Another tool's history, or tables no migration recorded, while Ferry's history is empty. */
    private Optional<UnmanagedSchema> unmanaged(MigrationSession s, List<HistoryRow> history) throws SQLException {
        return UnmanagedSchema.find(database.dialect(), s.connection(), history, historyConfig.table(), database.url().redacted());
    }

    /** Stops a command that would treat such a database as new ({@code history} as it read it), before it changes anything. */
    void refuseUnmanaged(MigrationSession s, List<HistoryRow> history, String command) throws SQLException {
        Optional<UnmanagedSchema> unmanaged = unmanaged(s, history);
        if (unmanaged.isPresent()) {
            throw unmanaged.get().refusal(command);
        }
    }

    MigrationSession open(Duration lockTimeout) {
        return MigrationSession.open(database, lockTimeout);
    }

    public Database database() {
        return database;
    }

    /** The highest version the statuses count as applied, or null. */
    static String schemaVersion(List<MigrationStatus> statuses) {
        return statuses.stream()
                .filter(s -> s.version() != null && (s.state() == MigrationState.APPLIED || s.state() == MigrationState.RENAMED
                        || s.state() == MigrationState.EDITED || s.state() == MigrationState.BASELINE || s.state() == MigrationState.MISSING))
                .map(s -> MigrationVersion.parse(s.version())).max(Comparator.naturalOrder()).map(Object::toString).orElse(null);
    }

    /** Refuses to go on while files and history disagree, naming each problem and its fix. */
    static void refuseProblems(List<MigrationStatus> problems, String command) {
        if (problems.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (MigrationStatus p : problems) {
            lines.add("  " + describe(p));
        }
        throw new FerryException(ErrorCode.CHECK_FAILED, command + " refused: the history and the migration files disagree ("
                + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):\n" + String.join("\n", lines),
                "ferry status shows every migration; fix each problem as shown, then run ferry " + command + " again");
    }

    /** "V3 add index (V3__add_index.sql): edited — … → fix" for messages and check output. */
    public static String describe(MigrationStatus p) {
        String name = label(p) + " " + p.description() + " (" + p.script() + ")";
        return name + ": " + p.state().label() + (p.detail() == null ? "" : ", " + p.detail()) + (p.fix() == null ? "" : "; " + p.fix());
    }

    /** "V3" for a file named the Flyway way, "R" for a repeatable, else the version as the file gives it ("20250823000001"). */
    private static String label(MigrationStatus p) {
        if (p.version() == null) {
            return "R";
        }
        String file = p.script().substring(p.script().lastIndexOf('/') + 1);
        return file.startsWith("V") || file.startsWith("U") || !file.startsWith(p.version()) ? "V" + p.version() : p.version();
    }

    /** "1 entry", "2 entries": history rows, counted for messages. */
    static String entries(int n) {
        return n + (n == 1 ? " entry" : " entries");
    }

    FerryException sqlFailure(String what, SQLException e) {
        return new FerryException(ErrorCode.SQL, what + " of " + database.url().redacted() + " failed: " + e.getMessage(), null, e);
    }
}
