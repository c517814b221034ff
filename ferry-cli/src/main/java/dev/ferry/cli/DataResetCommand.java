package dev.ferry.cli;

import dev.ferry.data.DataResult;
import dev.ferry.data.DataRun;
import dev.ferry.error.ExitCode;
import dev.ferry.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code ferry data reset ID}: forgets a data migration's history, so that the next run starts it
 * from its first key; asks first (or takes --yes), and says what it cleared. Its rows are not
 * changed back: that is what {@code down} is for.
 */
@Command(name = "reset", description = "Forget a data migration's history (status, counts, last key), so that the next run starts it again from"
        + " its first key; the rows it changed stay as they are. Asks first, or takes --yes.")
final class DataResetCommand extends DataMigrationCommand implements WritesDatabase {

    @Parameters(index = "0", paramLabel = "ID", description = "the data migration (its version, e.g. 2)")
    private String id;

    DataResetCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(DataRun run, Path location) {
        Console console = context.console();
        confirm("reset", id, "ferry data reset clears the status, counts and last key of D" + id
                + "; the next run starts it from its first key");
        DataResult.Item cleared = run.reset(id, lockTimeout());
        console.result(console.json() ? Json.write(Map.of("reset", id, "cleared", cleared)) + "\n"
                : "Reset D" + id + ": cleared " + cleared.status() + ", " + cleared.processed() + " rows processed, " + cleared.migrated() + " migrated"
                        + (cleared.detail() == null ? "" : " (" + cleared.detail() + ")") + ". The next ferry data run starts it from its first key;"
                        + " the rows it changed stay as they are.\n");
        return ExitCode.OK.code();
    }
}
