package dev.ferry.cli;

import dev.ferry.error.ExitCode;
import dev.ferry.migrate.Migrations;
import dev.ferry.migrate.StatusResult;
import dev.ferry.report.Json;
import dev.ferry.report.MigrationText;
import picocli.CommandLine.Command;

/** {@code ferry check}: exit 1 when the history and the files disagree. */
@Command(name = "check", description = "Exit 1 when the history and the migration files disagree, with one line per problem and its fix.")
final class CheckCommand extends MigrationCommand {

    CheckCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(Migrations migrations) {
        StatusResult result = migrations.status();
        Console console = context.console();
        console.result(console.json() ? Json.write(result) + "\n" : MigrationText.check(result, console.ansi()));
        return result.problems().isEmpty() ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
    }
}
