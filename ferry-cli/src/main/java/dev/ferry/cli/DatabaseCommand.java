package dev.ferry.cli;

import dev.ferry.connect.Target;
import dev.ferry.connect.UrlForm;
import dev.ferry.connect.Workspace;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.Database;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * A command that works on one database: reads the workspace, resolves the URL, asks for the
 * confirmation a protected environment needs when the command {@link WritesDatabase writes}, opens the
 * database, refuses it when another environment has written to it ({@link EnvironmentWrites}), then
 * hands over to {@link #execute}. The database is closed (and an embedded server
 * stopped) whatever happens.
 */
abstract class DatabaseCommand implements Callable<Integer> {
    protected final CliContext context;

    @Mixin
    private GlobalOptions globals;

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", description = "database URL (default: --env, FERRY_URL, DATABASE_URL)")
    private String url;

    DatabaseCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public final Integer call() {
        Integer answered = answerWithoutDatabase();
        if (answered != null) {
            return answered;
        }
        GlobalOptions.Settings settings = settings();
        Workspace workspace = workspace(settings);
        readInput(workspace);
        Target target = workspace.resolveTarget(url, settings.env);
        EnvironmentWrites writes = null;
        if (this instanceof WritesDatabase writer && writer.writesDatabase()) {
            writes = context.confirmWrite(target, spec.qualifiedName(" ").replaceFirst("^ferry ", ""), settings);
        }
        if (target.url().form() == UrlForm.DOCKER) {
            if (this instanceof RunsInContainer inContainer) {
                return inContainer.executeInContainer(workspace, target);
            }
            throw new FerryException(ErrorCode.USAGE, "ferry " + spec.name() + " cannot work through " + target.url().redacted()
                    + ": a docker:// URL is for ferry backup, which runs pg_dump inside the container",
                    "connect to the container's published port instead, e.g. postgres://USER@localhost:5432/DB");
        }
        if (target.url().form() == UrlForm.EMBEDDED) {
            context.console().note("starting the embedded PostgreSQL (" + target.url().endpoint() + ")…");
        }
        try (Database database = context.dialects().open(target.url())) {
            if (writes != null) {
                return writes.around(database, () -> execute(workspace, target, database));
            }
            int exit = execute(workspace, target, database);
            EnvironmentWrites.warnIfHeldByAnother(target, database, context.host(), context.console());
            return exit;
        }
    }

    protected GlobalOptions.Settings settings() {
        return ((FerryCommand) spec.root().userObject()).settings();
    }

    /** The workspace as every command reads it; ferry doctor reads it without stopping at a shared database. */
    protected Workspace workspace(GlobalOptions.Settings settings) {
        return context.workspace(settings);
    }

    /**
     * The exit code when the command answers without any database (ferry serve --hash-key), else null
     * to go on. Null by default.
     */
    protected Integer answerWithoutDatabase() {
        return null;
    }

    /**
     * Reads and checks the command's own input files (checks.yaml, a plan) before any connection is
     * made, so a mistake in them is reported first and costs no connection. Nothing by default.
     */
    protected void readInput(Workspace workspace) {
        // nothing by default
    }

    /** Runs the command against the open database and returns the exit code. */
    protected abstract int execute(Workspace workspace, Target target, Database database);
}
