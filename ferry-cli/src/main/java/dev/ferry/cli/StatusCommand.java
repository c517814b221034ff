package dev.ferry.cli;

import dev.ferry.error.ExitCode;
import dev.ferry.migrate.Migrations;
import dev.ferry.migrate.StatusResult;
import dev.ferry.report.Json;
import dev.ferry.report.MigrationText;
import dev.ferry.migrate.ToolHistories;
import picocli.CommandLine.Command;

/** {@code ferry status}: every migration with its state. */
@Command(name = "status", description = "Show every migration with its state: applied, pending, failed, renamed, edited, missing, out-of-order.")
final class StatusCommand extends ToolHistoryCommand {

    StatusCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(Migrations migrations) {
        return print(migrations.status());
    }

    @Override
    protected int execute(ToolHistories histories) {
        return print(histories.status());
    }

    private int print(StatusResult result) {
        Console console = context.console();
        console.result(console.json() ? Json.write(result) + "\n" : MigrationText.status(result, console.ansi()));
        return ExitCode.OK.code();
    }
}
