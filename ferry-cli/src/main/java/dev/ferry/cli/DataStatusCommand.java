package dev.ferry.cli;

import picocli.CommandLine.Command;

/** {@code ferry data status}: the same as list, under the name ferry status has for schema migrations. */
@Command(name = "status", description = "The same as ferry data list.")
final class DataStatusCommand extends DataListCommand {

    DataStatusCommand(CliContext context) {
        super(context);
    }
}
