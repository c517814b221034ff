package dev.ferry.cli;

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

    private HistoryConfig historyConfig;

    MigrationCommand(CliContext context) {
        super(context);
    }

    @Override
    protected final int execute(Workspace workspace, Target target, Database database) {
        if (lockTimeoutSeconds < 0) {
            throw new FerryException(ErrorCode.USAGE, "--lock-timeout must be 0 or more seconds, not " + lockTimeoutSeconds, null);
        }
        historyConfig = workspace.config().history();
        String location = dir != null ? dir : workspace.config().migrations();
        Migrations migrations = new Migrations(database,
                MigrationScanner.scan(location, dir != null ? context.workDir() : workspace.directory(), getClass().getClassLoader()),
                workspace.config().history(), context.console().progress());
        return execute(migrations);
    }

    protected HistoryConfig history() {
        return historyConfig;
    }

    protected Duration lockTimeout() {
        return Duration.ofSeconds(lockTimeoutSeconds);
    }

    protected abstract int execute(Migrations migrations);
}
