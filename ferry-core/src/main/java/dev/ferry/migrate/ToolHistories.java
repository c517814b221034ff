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
            case RAILS -> new RailsHistory(directory, () -> GitPaths.of(directory));
            case PRISMA -> new PrismaHistory(directory);
            case FLYWAY -> new FlywayHistory(MigrationScanner.scanDirectory(directory));
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

    /** Re-points every renamed file's row in one transaction, after saving the rows as they were. */
    public ChangeResult repair(Duration lockTimeout) {
        try (MigrationSession s = MigrationSession.open(database, lockTimeout)) {
            ToolTable table = table(s);
            ToolHistory.Comparison found = compare(s, table);
            refuseAmbiguous(found.ambiguous());
            List<String> lines = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            if (!found.renames().isEmpty()) {
                RepairBackup saved = new RepairBackup(config.tool().id(), config.table(), url(),
                        Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), found.renames());
                Path file = saved.write(backups, databaseName());
                FaultPoints.reach("history.repair.after-backup");
                rewrite(s.connection(), table, found.renames(), file, lines);
                notes.add("the rows as they were are saved in " + shown(file) + " (ferry repair --history " + config.tool().id() + " --undo puts them back)");
            }
            return new ChangeResult(url(), "repair --history " + config.tool().id(), lines, problems(compare(s, table).statuses()), notes);
        } catch (SQLException e) {
            throw failure("repairing", e);
        }
    }

    /** Puts back the rows a repair rewrote: from {@code file}, or when null from the newest repair of this database. */
    public ChangeResult undo(Path file, Duration lockTimeout) {
        Path chosen = file != null ? file : RepairBackup.latest(backups, config.tool().id(), databaseName()).orElseThrow(() -> new FerryException(
                ErrorCode.FILE_NOT_FOUND, "no repair of " + config.table() + " in " + url() + " is saved under " + backups,
                "ferry repair --history " + config.tool().id() + " --undo FILE takes a history-" + config.tool().id() + "-….json file"));
        RepairBackup saved = RepairBackup.read(chosen);
        checkSameHistory(saved, chosen);
        try (MigrationSession s = MigrationSession.open(database, lockTimeout)) {
            ToolTable table = table(s);
            ToolUndo.Undone undone = new ToolUndo(table, saved, shown(chosen)).run(s.connection());
            return new ChangeResult(url(), "repair --history " + config.tool().id() + " --undo", undone.changes(), problems(compare(s, table).statuses()),
                    undone.notes());
        } catch (SQLException e) {
            throw failure("undoing the repair of", e);
        }
    }

    private void rewrite(Connection c, ToolTable table, List<RowChange> renames, Path saved, List<String> lines) throws SQLException {
        c.setAutoCommit(false);
        try {
            for (RowChange change : renames) {
                if (table.apply(c, change) != 1) {
                    throw new FerryException(ErrorCode.STEP_FAILED, config.table() + " changed while Ferry repaired it (" + change.describe()
                            + " found no row as Ferry had read it); nothing was changed",
                            "run ferry status --history " + config.tool().id() + " again once the other migration has finished");
                }
                lines.add(config.table() + ": " + change.describe() + "; nothing run");
            }
            FaultPoints.reach("history.repair.before-commit");
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            deleteQuietly(saved);
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private void checkSameHistory(RepairBackup saved, Path file) {
        if (!saved.tool().equals(config.tool().id()) || !saved.table().equals(config.table()) || !saved.database().equals(url())) {
            throw new FerryException(ErrorCode.USAGE, shown(file) + " saved a repair of " + saved.tool() + "'s " + saved.table() + " in " + saved.database()
                    + ", not of " + config.tool().id() + "'s " + config.table() + " in " + url() + "; nothing was changed",
                    "pass the --url and --history it was taken with: ferry repair --history " + saved.tool() + " --undo " + shown(file)
                            + " --url " + saved.database());
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
