package dev.ferry.cli;

import dev.ferry.migrate.MigrationVersion;
import dev.ferry.migrate.Migrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry undo}: run undo scripts. */
@Command(name = "undo", description = "Undo the latest migration, or all above --to VERSION, with their U<version>__*.sql scripts.")
final class UndoCommand extends MigrationCommand implements WritesDatabase {

    @Option(names = "--to", paramLabel = "VERSION", description = "undo every applied migration above this version")
    private String to;

    UndoCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(Migrations migrations) {
        return ChangeOutput.print(context.console(), migrations.undo(to == null ? null : MigrationVersion.parse(to), lockTimeout()));
    }
}
