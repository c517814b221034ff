package dev.ferry.cli;

import dev.ferry.backup.BackupResult;
import dev.ferry.backup.BackupService;
import dev.ferry.backup.VerifyResult;
import dev.ferry.connect.Target;
import dev.ferry.connect.Workspace;
import dev.ferry.error.ExitCode;
import dev.ferry.report.BackupText;
import dev.ferry.report.Json;
import dev.ferry.spi.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code ferry backup}: a native backup with its manifest; {@code --verify} restores it into a scratch database at once. */
@Command(name = "backup", description = "Back up a database (native format: schema SQL plus zstd binary streams per table, with a manifest of"
        + " row counts and checksums from one snapshot).", subcommands = {BackupVerifyCommand.class, BackupListCommand.class})
final class BackupCommand extends DatabaseCommand {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "backups", description = "where backups go (default: ${DEFAULT-VALUE})")
    private Path out;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "2", description = "sessions reading tables at once, all in one snapshot (default: ${DEFAULT-VALUE})")
    private int jobs;

    @Option(names = "--verify", description = "restore the backup into a scratch database and compare counts and checksums with its manifest")
    private boolean verify;

    @Option(names = "--scratch", paramLabel = "URL", description = "server for --verify's scratch database (default: an embedded PostgreSQL of the source's major version)")
    private String scratch;

    BackupCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(Workspace workspace, Target target, Database database) {
        Console console = context.console();
        if (verify) {
            BackupVerifyCommand.refuseScratchForFiles(database.dialect(), scratch);
        }
        BackupResult backup = new BackupService(context.workDir().resolve(out), jobs, console.progress()).backup(database);
        VerifyResult verified = verify ? BackupVerifyCommand.verify(context, backup.path(), scratch, jobs) : null;
        if (console.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("backup", backup);
            json.put("verify", verified);
            console.result(Json.write(json) + "\n");
        } else {
            console.result(BackupText.backup(backup, console.ansi()) + (verified == null ? "" : BackupText.verify(verified, console.ansi())));
        }
        return verified == null || verified.passed() ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
    }
}
