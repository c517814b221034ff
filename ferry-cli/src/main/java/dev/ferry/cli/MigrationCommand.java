package dev.ferry.cli;

import dev.ferry.connect.Engine;
import dev.ferry.connect.HistoryConfig;
import dev.ferry.connect.Target;
import dev.ferry.connect.Workspace;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.migrate.MigrationScanner;
import dev.ferry.migrate.Migrations;
import dev.ferry.spi.Database;
import picocli.CommandLine.Option;

import java.time.Duration;

/** A command on the schema migrations of one database: finds the files, then hands over. */
abstract class MigrationCommand extends DatabaseCommand {

    @Option(names = "--dir", paramLabel = "DIR", description = "migrations directory, or classpath:PATH (default: migrations, or migrations: in ferry.yaml)")
    private String dir;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "how long to wait while another Ferry migrates this database (default: ${DEFAULT-VALUE})")
    private long lockTimeoutSeconds;

    /** A day: longer waits are a mistake, and far larger values overflow the deadline's arithmetic. */
    private static final long MAX_LOCK_TIMEOUT_SECONDS = 86_400;

    private HistoryConfig historyConfig;

    MigrationCommand(CliContext context) {
        super(context);
    }

    @Override
    protected final int execute(Workspace workspace, Target target, Database database) {
        if (lockTimeoutSeconds < 0 || lockTimeoutSeconds > MAX_LOCK_TIMEOUT_SECONDS) {
            throw new FerryException(ErrorCode.USAGE, "--lock-timeout must be from 0 to " + MAX_LOCK_TIMEOUT_SECONDS
                    + " seconds (one day), not " + lockTimeoutSeconds, "--lock-timeout 60 waits a minute for another Ferry to finish");
        }
        requireDatabase(target);
        historyConfig = workspace.config().history();
        String location = dir != null ? dir : workspace.config().migrations();
        Migrations migrations = new Migrations(database,
                MigrationScanner.scan(location, dir != null ? context.workDir() : workspace.directory(), getClass().getClassLoader()),
                workspace.config().history(), context.console().progress());
        return execute(migrations);
    }

    /** A MySQL server URL without a database has no place for the history; PostgreSQL falls back to the user's. */
    private static void requireDatabase(Target target) {
        if (target.url().engine() == Engine.MYSQL && target.url().database().isEmpty()) {
            throw new FerryException(ErrorCode.USAGE, "the URL " + target.url().redacted() + " names no database, and migrations need one",
                    "add it to the URL: " + target.url().redacted().replaceFirst("/?(\\?.*)?$", "/DB$1"));
        }
    }

    protected HistoryConfig history() {
        return historyConfig;
    }

    protected Duration lockTimeout() {
        return Duration.ofSeconds(lockTimeoutSeconds);
    }

    protected abstract int execute(Migrations migrations);
}
