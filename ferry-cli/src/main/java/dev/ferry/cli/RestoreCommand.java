package dev.ferry.cli;

import dev.ferry.backup.CleanRestore;
import dev.ferry.backup.ClientTools;
import dev.ferry.backup.RestoreResult;
import dev.ferry.backup.RestoreService;
import dev.ferry.connect.Target;
import dev.ferry.connect.Workspace;
import dev.ferry.error.ExitCode;
import dev.ferry.report.BackupText;
import dev.ferry.report.Json;
import dev.ferry.spi.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code ferry restore DIR}: a native backup into an empty database, each table checked against the manifest as it loads. */
@Command(name = "restore", description = "Restore a native backup into an empty database; every table's row count and checksum is compared with"
        + " the manifest as it loads. A database that holds tables is refused and left as it is, unless --clean.")
final class RestoreCommand extends DatabaseCommand implements WritesDatabase {

    @Parameters(paramLabel = "DIR", description = "the backup's directory")
    private Path dir;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "2", description = "tables loaded at once (default: ${DEFAULT-VALUE})")
    private int jobs;

    @Option(names = "--clean", description = "replace what the target holds: a safety backup of it first, then its other sessions ended,"
            + " the database dropped and created again, and the backup restored")
    private boolean clean;

    @Option(names = "--no-safety-backup", description = "with --clean: do not back up the target first (what it held is lost)")
    private boolean noSafetyBackup;

    RestoreCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(Workspace workspace, Target target, Database database) {
        Console console = context.console();
        Path backup = context.workDir().resolve(dir);
        RestoreResult r = clean
                ? new CleanRestore(jobs, console.progress(), context.workDir().resolve("backups"), context.workDir().resolve(".ferry/restores"),
                        !noSafetyBackup, console::report).restore(backup, database)
                : new RestoreService(jobs, console.progress(), new ClientTools(context.environment())).restore(backup, database);
        console.result(console.json() ? Json.write(r) + "\n" : BackupText.restore(r, console.ansi()));
        return ExitCode.OK.code();
    }
}
