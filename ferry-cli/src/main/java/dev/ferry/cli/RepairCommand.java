package dev.ferry.cli;

import dev.ferry.migrate.ChangeResult;
import dev.ferry.migrate.Migrations;
import dev.ferry.connect.HistoryTool;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.ExitCode;
import dev.ferry.error.FerryException;
import dev.ferry.migrate.ToolHistories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry repair}: bring the history in line with the files without running anything. */
@Command(name = "repair", description = "Re-point renamed files, remove failed entries and, with --accept-edits, record edited checksums;"
        + " with --forget-missing, remove the history of deleted files; with --history rails|prisma|flyway, re-point the renamed files' rows"
        + " in that tool's own table (--undo puts them back). Runs no migration.")
final class RepairCommand extends ToolHistoryCommand implements WritesDatabase {

    @Option(names = "--accept-edits", description = "record the new checksums of edited files")
    private boolean acceptEdits;

    @Option(names = "--forget-missing", description = "remove the history entries of applied files that were deleted (e.g. squashed); the database keeps what they did")
    private boolean forgetMissing;

    @Option(names = "--undo", arity = "0..1", paramLabel = "FILE", fallbackValue = "",
            description = "with --history: put back the rows a repair rewrote, from the newest saved repair of this database under backups/, or from FILE")
    private String undo;

    RepairCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(ToolHistories histories) {
        if (acceptEdits || forgetMissing) {
            throw new FerryException(ErrorCode.USAGE, (acceptEdits ? "--accept-edits" : "--forget-missing") + " works on Ferry's own history;"
                    + " repair --history re-points the rows of renamed files only", "the tool's own repair handles edited and deleted files"
                    + (history().tool() == HistoryTool.FLYWAY ? " (flyway repair)" : ""));
        }
        if (undo == null) {
            return ChangeOutput.print(context.console(), histories.repair(lockTimeout()));
        }
        // The problems the repair had fixed are back, as asked: the undo itself succeeded.
        ChangeOutput.print(context.console(), histories.undo(undo.isEmpty() ? null : context.workDir().resolve(undo), lockTimeout()));
        return ExitCode.OK.code();
    }

    @Override
    protected void refuseToolHistoryOptions() {
        if (undo != null) {
            throw new FerryException(ErrorCode.USAGE, "--undo puts back a repair of another tool's history, and this run reads Ferry's own",
                    "ferry repair --history rails|prisma|flyway --undo [FILE] reverses a repair of that tool's table");
        }
    }

    @Override
    protected int execute(Migrations migrations) {
        ChangeResult result = migrations.repair(acceptEdits, forgetMissing, lockTimeout());
        return ChangeOutput.print(context.console(), result);
    }
}
