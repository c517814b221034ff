package dev.ferry.cli;

import dev.ferry.backup.BackupListing;
import dev.ferry.error.ExitCode;
import dev.ferry.report.BackupText;
import dev.ferry.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ferry backup list}: the backups under --out, with size, age, format and whether they were verified. */
@Command(name = "list", description = "List the backups under --out: when taken, tables, rows, size, format, verified or not.")
final class BackupListCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    private GlobalOptions globals;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "backups", description = "where backups are (default: ${DEFAULT-VALUE})")
    private Path out;

    BackupListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<BackupListing> list = BackupListing.under(context.workDir().resolve(out));
        Console console = context.console();
        console.result(console.json() ? Json.write(list) + "\n" : BackupText.list(list, console.ansi()));
        return ExitCode.OK.code();
    }
}
