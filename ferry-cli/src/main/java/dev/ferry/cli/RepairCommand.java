package dev.ferry.cli;

import dev.ferry.migrate.ChangeResult;
import dev.ferry.migrate.Migrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry repair}: bring the history in line with the files without running anything. */
@Command(name = "repair", description = "Re-point renamed files, remove failed entries and, with --accept-edits, record edited checksums;"
        + " with --forget-missing, remove the history of deleted files. Runs no migration.")
final class RepairCommand extends MigrationCommand implements WritesDatabase {

    @Option(names = "--accept-edits", description = "record the new checksums of edited files")
    private boolean acceptEdits;

    @Option(names = "--forget-missing", description = "remove the history entries of applied files that were deleted (e.g. squashed); the database keeps what they did")
    private boolean forgetMissing;

    RepairCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(Migrations migrations) {
        ChangeResult result = migrations.repair(acceptEdits, forgetMissing, lockTimeout());
        return ChangeOutput.print(context.console(), result);
    }
}
