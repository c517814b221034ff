package dev.ferry.cli;

import dev.ferry.connect.Target;
import dev.ferry.connect.Workspace;
import dev.ferry.data.DataRun;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.Database;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What every {@code ferry data} command shares: where the data migrations are, the lock's patience, and the run built on them. */
abstract class DataMigrationCommand extends DatabaseCommand {
    private static final long MAX_LOCK_TIMEOUT_SECONDS = 86_400;

    @Option(names = "--dir", paramLabel = "DIR", description = "the data migrations (default: data/ under the migrations directory: migrations/data)")
    private Path dir;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "how long to wait for another Ferry running data migrations on this database (default: ${DEFAULT-VALUE})")
    private long lockTimeoutSeconds;

    @Option(names = "--classpath", paramLabel = "PATH", split = ":", description = "jars or class directories holding DataMigration classes (with"
            + " META-INF/services/dev.ferry.data.DataMigration), besides the jars in the data migrations directory; ':' between entries")
    private List<Path> classpath = List.of();

    @Option(names = "--report", paramLabel = "DIR", description = "where the per-record outcome logs go, as data/D<id>.jsonl (default: reports)")
    private Path reportDir = Path.of("reports");

    DataMigrationCommand(CliContext context) {
        super(context);
    }

    @Override
    protected final int execute(Workspace workspace, Target target, Database database) {
        if (lockTimeoutSeconds < 0 || lockTimeoutSeconds > MAX_LOCK_TIMEOUT_SECONDS) {
            throw new FerryException(ErrorCode.USAGE, "--lock-timeout must be from 0 to " + MAX_LOCK_TIMEOUT_SECONDS + " seconds (one day), not "
                    + lockTimeoutSeconds, "--lock-timeout 60 waits a minute for the other run to finish");
        }
        Path location = dir != null ? context.workDir().resolve(dir) : DataRuns.defaultLocation(workspace);
        DataRun run = DataRuns.open(context, workspace, target, database, location, classpath.stream().map(p -> context.workDir().resolve(p)).toList(),
                context.workDir().resolve(reportDir));
        return execute(run, location);
    }

    protected Duration lockTimeout() {
        return Duration.ofSeconds(lockTimeoutSeconds);
    }

    protected abstract int execute(DataRun run, Path location);
}
