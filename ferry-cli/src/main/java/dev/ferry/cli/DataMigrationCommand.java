package dev.ferry.cli;

import dev.ferry.connect.Target;
import dev.ferry.connect.Workspace;
import dev.ferry.data.DataRun;
import dev.ferry.spi.Database;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What every {@code ferry data} command shares: where the data migrations are, the lock's patience, and the run built on them. */
abstract class DataMigrationCommand extends DatabaseCommand {

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
        LockTimeouts.check(lockTimeoutSeconds, "the other run");
        Path location = dir != null ? context.workDir().resolve(dir) : DataRuns.defaultLocation(workspace);
        DataRun run = DataRuns.open(context, workspace, target, database, location, classpath.stream().map(p -> context.workDir().resolve(p)).toList(),
                context.workDir().resolve(reportDir));
        return execute(run, location);
    }

    protected Duration lockTimeout() {
        return Duration.ofSeconds(lockTimeoutSeconds);
    }

    protected abstract int execute(DataRun run, Path location);

    /** Asks for the migration's id to be typed before {@code verb} changes what {@code what} says, unless --yes. */
    protected void confirm(String verb, String id, String what) {
        if (!settings().yes) {
            ProtectedWrites.confirmByTypedName(id, "its id", what, "data " + verb + " " + id, what + ".", context.console());
        }
    }
}
