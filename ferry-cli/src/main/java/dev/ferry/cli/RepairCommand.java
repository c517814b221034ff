package dev.ferry.cli;

import dev.ferry.migrate.ChangeResult;
import dev.ferry.migrate.Migrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry repair}: bring the history in line with the files without running anything. */
@Command(name = "repair", description = "Re-point renamed files, remove failed entries and, with --accept-edits, record edited checksums. Runs no migration.")
final class RepairCommand extends MigrationCommand implements WritesDatabase {

    @Option(names = "--accept-edits", description = "record the new checksums of edited files")
    private boolean acceptEdits;

    RepairCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(Migrations migrations) {
        ChangeResult result = migrations.repair(acceptEdits, lockTimeout());
        return ChangeOutput.print(context.console(), result);
    }
}
