package dev.ferry.cli;

import dev.ferry.data.DataRun;
import dev.ferry.error.ExitCode;
import dev.ferry.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Map;

/** {@code ferry data skip ID}: marks a data migration SKIPPED, so that runs pass it by. */
@Command(name = "skip", description = "Mark a data migration SKIPPED without running it, so that ferry data run passes it by.")
final class DataSkipCommand extends DataMigrationCommand implements WritesDatabase {

    @Parameters(index = "0", paramLabel = "ID", description = "the data migration (its version, e.g. 2)")
    private String id;

    DataSkipCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(DataRun run, Path location) {
        run.skip(id, lockTimeout());
        Console console = context.console();
        console.result(console.json() ? Json.write(Map.of("skipped", id)) + "\n"
                : "Skipped D" + id + ": ferry data run passes it by (ferry data reset " + id + " makes it pending again).\n");
        return ExitCode.OK.code();
    }
}
