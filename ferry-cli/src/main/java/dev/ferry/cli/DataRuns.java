package dev.ferry.cli;

import dev.ferry.connect.Target;
import dev.ferry.connect.Workspace;
import dev.ferry.data.DataMigrations;
import dev.ferry.data.DataRun;
import dev.ferry.migrate.MigrationScanner;
import dev.ferry.report.Progress;
import dev.ferry.spi.Database;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** The data migrations of a workspace against one database, as {@code ferry data} and {@code ferry migrate} (with data: auto) run them. */
final class DataRuns {
    private DataRuns() {
    }

    /** migrations/data under the workspace's migrations directory. */
    static Path defaultLocation(Workspace workspace) {
        return workspace.directory().resolve(workspace.config().migrations()).resolve(MigrationScanner.DATA_MIGRATIONS);
    }

    /**
     * @param classpath jars or class directories with DataMigration classes, besides the jars of {@code location}
     * @param reportDir where the per-record outcome logs go, under data/
     */
    static DataRun open(CliContext context, Workspace workspace, Target target, Database database, Path location, List<Path> classpath,
                        Path reportDir) {
        return open(context, workspace, target, database, location, classpath, reportDir, context.console().progress(), context.console()::report);
    }

    /** As above, reporting progress and notes elsewhere than the console (to a job of ferry serve). */
    static DataRun open(CliContext context, Workspace workspace, Target target, Database database, Path location, List<Path> classpath,
                        Path reportDir, Progress progress, Consumer<String> notes) {
        return new DataRun(database, DataMigrations.scan(location, classpath, database, workspace.directory()), progress, notes,
                owner(context, target), reportDir.resolve("data"));
    }

    /** Who runs it, as the history keeps it: host (as ferry_environment names it), process and environment. */
    private static String owner(CliContext context, Target target) {
        String host = context.host();
        return (host == null ? "unknown host" : host) + " pid " + ProcessHandle.current().pid() + target.environment().map(e -> " env " + e).orElse("");
    }
}
