package dev.ferry.cli;

import dev.ferry.connect.Target;
import dev.ferry.connect.Workspace;
import dev.ferry.error.ExitCode;
import dev.ferry.report.InspectText;
import dev.ferry.report.Json;
import dev.ferry.schema.InspectResult;
import dev.ferry.schema.InspectService;
import dev.ferry.spi.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry inspect}: tables with exact row counts and sizes. */
@Command(name = "inspect", description = "List the tables of a database with exact row counts and sizes.")
final class InspectCommand extends DatabaseCommand {

    @Option(names = "--estimate", description = "take the database's row estimates instead of counting (fast on large tables)")
    private boolean estimate;

    InspectCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(Workspace workspace, Target target, Database database) {
        Console console = context.console();
        InspectResult result = new InspectService(console.progress()).inspect(database, !estimate);
        console.result(console.json() ? Json.write(result) + "\n" : InspectText.render(result, console.ansi()));
        return ExitCode.OK.code();
    }
}
