package dev.ferry.cli;

import dev.ferry.data.DataResult;
import dev.ferry.data.DataRun;
import dev.ferry.error.ExitCode;
import dev.ferry.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/**
 * {@code ferry data down ID}: undoes a data migration with its down (a {@code .down.sql}, or a Java
 * migration's {@code down}), and forgets its history in the same transaction; asks first, or takes --yes.
 */
@Command(name = "down", description = "Undo a data migration with its down (D<id>__<name>.down.sql, or down() of a Java migration) and make it"
        + " pending again, in one transaction. Asks first, or takes --yes.")
final class DataDownCommand extends DataMigrationCommand implements WritesDatabase {

    @Parameters(index = "0", paramLabel = "ID", description = "the data migration (its version, e.g. 2)")
    private String id;

    DataDownCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(DataRun run, Path location) {
        Console console = context.console();
        confirm("down", id, "ferry data down runs the down of D" + id
                + ", changing its rows back, and makes it pending again");
        DataResult.Item undone = run.down(id, lockTimeout());
        console.result(console.json() ? Json.write(undone) + "\n" : "Undid D" + id + " (" + undone.description() + "): " + undone.migrated()
                + " rows changed back" + (undone.errors() > 0 ? ", " + undone.errors() + " records failed (see " + undone.log() + ")" : "")
                + "; it is pending again, and the next ferry data run runs it from its first key.\n");
        return ExitCode.OK.code();
    }
}
