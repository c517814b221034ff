package dev.ferry.cli;

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
        + " the manifest as it loads. A database that holds tables is refused and left as it is.")
final class RestoreCommand extends DatabaseCommand implements WritesDatabase {

    @Parameters(paramLabel = "DIR", description = "the backup's directory")
    private Path dir;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "2", description = "tables loaded at once (default: ${DEFAULT-VALUE})")
    private int jobs;

    RestoreCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(Workspace workspace, Target target, Database database) {
        Console console = context.console();
        RestoreResult r = new RestoreService(jobs, console.progress()).restore(context.workDir().resolve(dir), database);
        console.result(console.json() ? Json.write(r) + "\n" : BackupText.restore(r, console.ansi()));
        return ExitCode.OK.code();
    }
}
