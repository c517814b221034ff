package dev.ferry.cli;

import picocli.CommandLine.Mixin;

/** A migration command that can also read another tool's history in place: status, check, repair (with --history). */
abstract class ToolHistoryCommand extends MigrationCommand {

    @Mixin
    private HistoryOption history;

    ToolHistoryCommand(CliContext context) {
        super(context);
    }

    @Override
    protected final String historyOption() {
        return history.tool;
    }
}
