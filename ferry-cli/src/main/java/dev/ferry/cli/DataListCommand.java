package dev.ferry.cli;

import dev.ferry.data.DataResult;
import dev.ferry.data.DataRun;
import dev.ferry.error.ExitCode;
import dev.ferry.report.DataText;
import dev.ferry.report.Json;
import picocli.CommandLine.Command;

import java.nio.file.Path;

/** {@code ferry data list}: every data migration with its state and counts. */
@Command(name = "list", description = "List every data migration with its state (pending, running, completed, failed, skipped) and counts.")
class DataListCommand extends DataMigrationCommand {

    DataListCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(DataRun run, Path location) {
        DataResult result = run.status();
        Console console = context.console();
        console.result(console.json() ? Json.write(result) + "\n" : DataText.status(result, location, console.ansi()));
        return ExitCode.OK.code();
    }
}
