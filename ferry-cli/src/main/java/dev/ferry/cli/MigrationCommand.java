package dev.ferry.cli;

import dev.ferry.connect.Engine;
import dev.ferry.connect.HistoryConfig;
import dev.ferry.connect.HistoryTool;
import dev.ferry.connect.Target;
import dev.ferry.connect.Workspace;
import dev.ferry.data.DataRun;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.migrate.MigrationScanner;
import dev.ferry.migrate.MigrationSet;
import dev.ferry.migrate.Migrations;
import dev.ferry.migrate.ToolHistories;
import dev.ferry.spi.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A command on the schema migrations of one database: finds the files, then hands over. */
abstract class MigrationCommand extends DatabaseCommand {

    @Option(names = "--dir", paramLabel = "DIR", description = "migrations directory, or classpath:PATH (default: migrations, or migrations: in ferry.yaml)")
    private String dir;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "how long to wait while another Ferry migrates this database (default: ${DEFAULT-VALUE})")
    private long lockTimeoutSeconds;

    private HistoryConfig historyConfig;
    private Workspace workspace;
    private Target target;
    private Database database;

    MigrationCommand(CliContext context) {
        super(context);
    }

    @Override
    protected final int execute(Workspace workspace, Target target, Database database) {
        LockTimeouts.check(lockTimeoutSeconds, "another Ferry");
        requireDatabase(target);
        this.workspace = workspace;
        this.target = target;
        this.database = database;
        HistoryConfig configured = workspace.config().history();
        historyConfig = historyOption() == null ? configured : configured.forTool(HistoryTool.named(historyOption()));
        if (historyConfig.tool() != HistoryTool.FERRY) {
            return execute(toolHistories(workspace, database));
        }
        refuseToolHistoryOptions();
        return execute(new Migrations(database, scanMigrations(), historyConfig, context.console().progress()));
    }

    /** The migration files as they are now (ferry serve reads them again for every request, as a new command would). */
    protected MigrationSet scanMigrations() {
        String location = dir != null ? dir : workspace.config().migrations();
        return MigrationScanner.scan(location, dir != null ? context.workDir() : workspace.directory(), getClass().getClassLoader());
    }

    private ToolHistories toolHistories(Workspace workspace, Database database) {
        HistoryTool tool = historyConfig.tool();
        String location = dir != null ? dir : workspace.config().migrationsFor(tool);
        if (location.startsWith("classpath:")) {
            throw new FerryException(ErrorCode.USAGE, tool.title() + "'s migrations are read from a directory, not " + location,
                    "pass --dir with the directory that holds them, e.g. --dir " + tool.directory());
        }
        Path directory = (dir != null ? context.workDir() : workspace.directory()).resolve(location);
        return new ToolHistories(database, historyConfig, directory, workspace.directory().resolve("backups"));
    }

    /** A MySQL server URL without a database has no place for the history; PostgreSQL falls back to the user's. */
    private static void requireDatabase(Target target) {
        if (target.url().engine() == Engine.MYSQL && target.url().database().isEmpty()) {
            throw new FerryException(ErrorCode.USAGE, "the URL " + target.url().redacted() + " names no database, and migrations need one",
                    "add it to the URL: " + target.url().redacted().replaceFirst("/?(\\?.*)?$", "/DB$1"));
        }
    }

    /** The data migrations of this workspace against the same database (ferry migrate with data: auto). */
    protected DataRun dataRun() {
        return DataRuns.open(context, workspace, target, database, DataRuns.defaultLocation(workspace), List.of(), context.workDir().resolve("reports"));
    }

    protected Workspace workspace() {
        return workspace;
    }

    protected Target target() {
        return target;
    }

    protected Database database() {
        return database;
    }

    protected HistoryConfig history() {
        return historyConfig;
    }

    protected Duration lockTimeout() {
        return Duration.ofSeconds(lockTimeoutSeconds);
    }

    protected abstract int execute(Migrations migrations);

    /** --history of the commands that take it; null for the others, which work on Ferry's own history only. */
    protected String historyOption() {
        return null;
    }

    /** Refuses, before Ferry's migrations are read, an option that works on another tool's history only. */
    protected void refuseToolHistoryOptions() {
    }

    /** The command over another tool's history; the commands that cannot do that refuse. */
    protected int execute(ToolHistories histories) {
        throw ToolHistories.notRunHere(getClass().getAnnotation(Command.class).name(), historyConfig);
    }
}
