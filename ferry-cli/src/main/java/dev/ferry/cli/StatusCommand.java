package dev.ferry.cli;

import dev.ferry.error.ExitCode;
import dev.ferry.migrate.Migrations;
import dev.ferry.migrate.StatusResult;
import dev.ferry.report.Json;
import dev.ferry.report.MigrationText;
import picocli.CommandLine.Command;

/** {@code ferry status}: every migration with its state. */
@Command(name = "status", description = "Show every migration with its state: applied, pending, failed, renamed, edited, missing, out-of-order.")
final class StatusCommand extends MigrationCommand {

    StatusCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(Migrations migrations) {
        StatusResult result = migrations.status();
        Console console = context.console();
        console.result(console.json() ? Json.write(result) + "\n" : MigrationText.status(result, console.ansi()));
        return ExitCode.OK.code();
    }
}
