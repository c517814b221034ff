package dev.ferry.cli;

import dev.ferry.connect.HistoryTool;
import dev.ferry.connect.Target;
import dev.ferry.connect.Workspace;
import dev.ferry.doctor.DoctorResult;
import dev.ferry.doctor.DoctorService;
import dev.ferry.doctor.Preflight;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.ExitCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.DoctorText;
import dev.ferry.report.Json;
import dev.ferry.report.Progress;
import dev.ferry.schema.DiffService;
import dev.ferry.spi.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ferry doctor}: the preflight before Ferry is trusted with a database, and before a cutover
 * plan runs. Exit 0 when no check fails, 1 when one does, 3 when the database cannot be reached.
 */
@Command(name = "doctor", description = "Preflight checks: the connection and server version, whether pg_dump/pg_restore (or mariadb-dump) can"
        + " read this server, free disk for backups (at least twice the database), whether the database is empty, whether its history agrees"
        + " with the migrations (and with --drift its schema), protected environments, and environments of ferry.yaml that share one database.")
final class DoctorCommand extends DatabaseCommand {

    @Option(names = "--out", paramLabel = "DIR", description = "where backups will go (default: backups)")
    private Path backups = Path.of("backups");

    @Option(names = "--drift", description = "also compare the live schema with what the applied migrations produce on a shadow database (takes seconds)")
    private boolean drift;

    @Option(names = "--shadow", paramLabel = "URL", description = "with --drift: server for the scratch database (default: an embedded PostgreSQL of the same version)")
    private String shadow;

    DoctorCommand(CliContext context) {
        super(context);
    }

    /** Two environments on one database are one of doctor's findings, not a reason to stop before the others. */
    @Override
    protected Workspace workspace(GlobalOptions.Settings settings) {
        return context.workspaceForDoctor(settings);
    }

    @Override
    protected void readInput(Workspace workspace) {
        if (shadow != null && !drift) {
            throw new FerryException(ErrorCode.USAGE, "--shadow names the server for --drift's scratch database, and --drift was not given",
                    "add --drift, or leave out --shadow");
        }
        if (drift) {
            refuseDriftWithoutMigrations(workspace);
        }
    }

    private static void refuseDriftWithoutMigrations(Workspace workspace) {
        HistoryTool tool = workspace.config().history().tool();
        if (tool != HistoryTool.FERRY) {
            throw new FerryException(ErrorCode.USAGE, "doctor --drift builds the schema Ferry's migrations produce, and ferry.yaml keeps "
                    + tool.title() + "'s history, whose migrations Ferry does not run", "leave out --drift; ferry check --history " + tool.id()
                    + " compares the history with the files");
        }
        String location = workspace.config().migrations();
        Path directory = workspace.directory().resolve(location);
        if (!location.startsWith("classpath:") && !Files.isDirectory(directory)) {
            throw new FerryException(ErrorCode.USAGE, "doctor --drift compares the live schema with what the migrations produce, and there is no"
                    + " migrations directory at " + directory, "create it, set migrations: in ferry.yaml, or leave out --drift");
        }
    }

    @Override
    protected int execute(Workspace workspace, Target target, Database database) {
        Preflight preflight = Preflight.backupsTo(context.workDir().resolve(backups)).target(target, settings().yes)
                .history(workspace).environments(workspace);
        Console console = context.console();
        Progress progress = console.progress();
        DoctorResult result;
        try {
            if (drift) {
                preflight = preflight.drift(new DiffService(context.dialects(), context.workDir(), shadow, workspace.config().history(), progress));
            }
            result = new DoctorService(context.environment()).run(database, preflight);
        } finally {
            progress.finish();
        }
        console.result(console.json() ? Json.write(result) + "\n" : DoctorText.render(result, console.ansi()));
        return result.failed() ? ExitCode.CHECK_FAILED.code() : ExitCode.OK.code();
    }
}
