package dev.ferry.migrate;

import dev.ferry.connect.HistoryConfig;
import dev.ferry.connect.HistoryTool;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.fault.FaultPoints;
import dev.ferry.spi.Database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code status}, {@code check} and {@code repair} over another tool's history table, in place:
 * Ferry reads the tool's files and table, reports them as the tool would see them, and re-points
 * renamed files' rows without running anything. Every repair first saves the rows it rewrites
 * under {@code backups/}, and {@code repair --undo} puts them back.
 *
 * <pre>{@code
 * ToolHistories rails = new ToolHistories(database, new HistoryConfig(null, null, HistoryTool.RAILS), Path.of("db/migrate"), Path.of("backups"));
 * ChangeResult r = rails.repair(Duration.ofSeconds(60));
 * }</pre>
 */
public final class ToolHistories {
    private final Database database;
    private final HistoryConfig config;
    private final Path directory;
    private final Path backups;
    private final ToolHistory tool;

    public ToolHistories(Database database, HistoryConfig config, Path directory, Path backups) {
        if (config.tool() == HistoryTool.FERRY) {
            throw new IllegalArgumentException("Ferry's own history is read by Migrations");
        }
        this.database = database;
        this.config = config;
        this.directory = directory;
        this.backups = backups;
        this.tool = switch (config.tool()) {
            case RAILS -> new RailsHistory(directory, new Memo<>(() -> GitRenames.of(directory)));
            case PRISMA -> new PrismaHistory(directory);
            case FLYWAY -> new FlywayHistory(directory);
            case FERRY -> throw new IllegalStateException();
        };
    }

    /** What {@code ferry migrate} says on a database whose history is this tool's. */
    public static FerryException notRunHere(String command, HistoryConfig config) {
        return new FerryException(ErrorCode.USAGE, "ferry " + command + " works on Ferry's own history, and this run reads "
                + config.tool().title() + "'s " + config.table() + " (--history " + config.tool().id() + ", or history.tool in ferry.yaml): Ferry reads and"
                + " repairs another tool's history but never runs its migrations",
                "ferry status, check and repair work on " + config.table() + "; " + config.tool().migrateCommand() + " applies " + config.tool().title() + "'s migrations");
    }

    public StatusResult status() {
        try (MigrationSession s = MigrationSession.open(database, null)) {
            List<MigrationStatus> statuses = compare(s, table(s)).statuses();
            return result(statuses);
        } catch (SQLException e) {
            throw failure("reading", e);
        }
    }

    /**
     * Re-points every renamed file's row in one transaction: the table locked against other
     * writers, compared again inside it, the rows saved before they change, each update guarded by
     * the row's old values, and the result compared once more before the commit.
     */
    public ChangeResult repair(Duration lockTimeout) {
        try (MigrationSession s = MigrationSession.open(database, lockTimeout)) {
            ToolTable table = table(s);
            Connection c = s.connection();
            List<String> lines = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            // The comparison as committed: the one made before the commit, so no third read after it.
            List<ToolHistory.Comparison> committed = new ArrayList<>();
            inTransaction(c, saved -> {
                lock(c, table, lockTimeout);
                ToolHistory.Comparison found = compare(s, table);
                refuseAmbiguous(found.ambiguous());
                committed.add(found);
                if (found.renames().isEmpty()) {
                    return;
                }
                RepairBackup backup = new RepairBackup(config.tool().id(), config.table(), url(),
                        Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), found.renames());
                Path file = backup.write(backups, databaseName());
                saved.add(file);
                FaultPoints.reach("history.repair.after-backup");
                rewrite(c, table, found.renames(), lines);
                ToolHistory.Comparison after = compare(s, table);
                verify(found, after);
                committed.set(0, after);
                FaultPoints.reach("history.repair.before-commit");
                notes.add("the rows as they were are saved in " + shown(file) + " (ferry repair --history " + config.tool().id() + " --undo puts them back)");
            });
            return new ChangeResult(url(), "repair --history " + config.tool().id(), lines, problems(committed.get(0).statuses()), notes);
        } catch (SQLException e) {
            throw failure("repairing", e);
        }
    }

    /** Puts back the rows a repair rewrote: from {@code file}, or when null from the newest repair of this database. */
    public ChangeResult undo(Path file, Duration lockTimeout) {
        Path chosen = file != null ? file : RepairBackup.latest(backups, config.tool().id(), databaseName(), url()).orElseThrow(() -> new FerryException(
                ErrorCode.FILE_NOT_FOUND, "no repair of " + config.table() + " in " + url() + " is saved under " + backups,
                "ferry repair --history " + config.tool().id() + " --undo FILE takes a history-" + config.tool().id() + "-….json file"));
        RepairBackup saved = RepairBackup.read(chosen);
        checkSameHistory(saved, chosen);
        try (MigrationSession s = MigrationSession.open(database, lockTimeout)) {
            ToolTable table = table(s);
            Connection c = s.connection();
            List<ToolUndo.Undone> undone = new ArrayList<>();
            inTransaction(c, ignored -> {
                lock(c, table, lockTimeout);
                undone.add(new ToolUndo(table, saved, shown(chosen)).run(c));
                FaultPoints.reach("history.undo.before-commit");
            });
            return new ChangeResult(url(), "repair --history " + config.tool().id() + " --undo", undone.get(0).changes(),
                    problems(compare(s, table).statuses()), undone.get(0).notes());
        } catch (SQLException e) {
            throw failure("undoing the repair of", e);
        }
    }

    private interface Work {
        /** @param saved files written for this transaction, deleted again when it rolls back */
        void run(List<Path> saved) throws SQLException;
    }

    private static void inTransaction(Connection c, Work work) throws SQLException {
        List<Path> saved = new ArrayList<>();
        c.setAutoCommit(false);
        try {
            work.run(saved);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
                throw e; // whether the commit happened is unknown: the saved rows stay, for --undo
            }
            saved.forEach(ToolHistories::deleteQuietly);
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Waits, at most --lock-timeout, for writers of the table (the tool migrating, say) to finish, then keeps them out. */
    private void lock(Connection c, ToolTable table, Duration timeout) throws SQLException {
        try {
            database.dialect().lockAgainstWriters(c, table.name(), timeout);
        } catch (SQLException e) {
            if (!database.dialect().isLockTimeout(e)) {
                throw e;
            }
            throw new FerryException(ErrorCode.LOCKED, "another session is writing to " + config.table() + " in " + url() + " (is "
                    + config.tool().title() + " migrating?) and did not finish within " + timeout.toSeconds() + " s; nothing was changed",
                    "run it again once that session has finished, or wait longer with --lock-timeout SECONDS", e);
        }
    }

    private void rewrite(Connection c, ToolTable table, List<RowChange> renames, List<String> lines) throws SQLException {
        for (RowChange change : renames) {
            if (table.apply(c, change) != 1) {
                throw new FerryException(ErrorCode.STEP_FAILED, config.table() + " changed while Ferry repaired it (" + change.describe()
                        + " found no row as Ferry had read it); nothing was changed",
                        "run ferry status --history " + config.tool().id() + " again once the other migration has finished");
            }
            lines.add(config.table() + ": " + change.describe() + "; nothing run");
        }
    }

    /** Every file the repair re-pointed must now count as applied by the tool's rules, or nothing is committed. */
    private void verify(ToolHistory.Comparison before, ToolHistory.Comparison after) {
        List<String> scripts = before.statuses().stream().filter(m -> m.state() == MigrationState.RENAMED).map(MigrationStatus::script).toList();
        List<String> notApplied = after.statuses().stream().filter(m -> scripts.contains(m.script()) && m.state() != MigrationState.APPLIED)
                .map(m -> m.script() + " (" + m.state().label() + ")").toList();
        if (!notApplied.isEmpty()) {
            throw new FerryException(ErrorCode.STEP_FAILED, "after rewriting " + config.table() + ", " + String.join(", ", notApplied)
                    + " would still not count as applied; rolled back, nothing was changed",
                    "ferry status --history " + config.tool().id() + " shows each file as Ferry reads it");
        }
    }

    private void checkSameHistory(RepairBackup saved, Path file) {
        if (!saved.tool().equals(config.tool().id()) || !saved.table().equals(config.table()) || !saved.database().equals(url())) {
            throw new FerryException(ErrorCode.USAGE, shown(file) + " saved a repair of " + HistoryTool.named(saved.tool()).title() + "'s "
                    + saved.table() + " in " + saved.database() + ", not of " + config.tool().title() + "'s " + config.table() + " in " + url()
                    + "; nothing was changed", "run ferry repair --history " + saved.tool() + " --undo " + shown(file)
                    + " against the database it was saved from (--env, or --url with its password)");
        }
    }

    private static void refuseAmbiguous(List<MigrationStatus> ambiguous) {
        if (ambiguous.isEmpty()) {
            return;
        }
        List<String> lines = ambiguous.stream().map(a -> "  " + Migrations.describe(a)).toList();
        throw new FerryException(ErrorCode.CHECK_FAILED, "repair refused: " + ambiguous.size() + (ambiguous.size() == 1 ? " recorded migration matches" : " recorded migrations match")
                + " more than one file, and Ferry does not guess; nothing was changed:\n" + String.join("\n", lines),
                "keep one file per recorded migration, then run the repair again");
    }

    private ToolHistory.Comparison compare(MigrationSession s, ToolTable table) throws SQLException {
        return tool.compare(s.connection(), table);
    }

    private ToolTable table(MigrationSession s) throws SQLException {
        ToolTable table = new ToolTable(database.dialect(), config, database.dialect().currentSchema(s.connection()));
        table.requireExists(s.connection(), url());
        return table;
    }

    private StatusResult result(List<MigrationStatus> statuses) {
        String version = Migrations.schemaVersion(statuses.stream().filter(m -> m.version() != null && MigrationVersion.isVersion(m.version())).toList());
        return new StatusResult(url(), directory.toString(), version, statuses, null,
                config.tool().title() + "'s " + config.table());
    }

    private static List<MigrationStatus> problems(List<MigrationStatus> statuses) {
        return statuses.stream().filter(x -> x.state().isProblem()).toList();
    }

    private String url() {
        return database.url().redacted();
    }

    /** The database's name as part of a backup's file name: a SQLite file's name without its directory. */
    private String databaseName() {
        String name = database.url().database().or(() -> database.url().path()).orElse("");
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /** A saved file as "backups/history-….json": relative to the directory backups/ is in (ferry.yaml's, or the working directory). */
    private String shown(Path file) {
        Path base = backups.toAbsolutePath().normalize().getParent();
        Path absolute = file.toAbsolutePath().normalize();
        return base != null && absolute.startsWith(base) ? base.relativize(absolute).toString() : absolute.toString();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            // The repair did not happen: a saved file left behind is undone as "nothing to undo".
        }
    }

    private FerryException failure(String what, SQLException e) {
        return new FerryException(ErrorCode.SQL, what + " " + config.table() + " in " + url() + " failed: " + e.getMessage(), null, e);
    }
}
