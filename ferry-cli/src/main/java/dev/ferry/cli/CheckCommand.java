package dev.ferry.cli;

import dev.ferry.error.ExitCode;
import dev.ferry.migrate.MigrationSet;
import dev.ferry.migrate.Migrations;
import dev.ferry.migrate.StatusResult;
import dev.ferry.report.DiffText;
import dev.ferry.report.Json;
import dev.ferry.report.MigrationText;
import dev.ferry.report.Progress;
import dev.ferry.schema.DiffResult;
import dev.ferry.schema.DiffService;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.migrate.ToolHistories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code ferry check}: exit 1 when the history and the files disagree, or (--drift) the live schema differs. */
@Command(name = "check", description = "Exit 1 when the history and the migration files disagree, or with --drift when the live schema differs from what the migrations produce.")
final class CheckCommand extends ToolHistoryCommand {

    @Option(names = "--drift", description = "also compare the live schema with what the applied migrations produce on a shadow database")
    private boolean drift;

    @Option(names = "--shadow", paramLabel = "URL", description = "server for the scratch database (default: an embedded PostgreSQL of the same version)")
    private String shadow;

    CheckCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(ToolHistories histories) {
        if (drift) {
            throw new FerryException(ErrorCode.USAGE, "check --drift builds the schema Ferry's migrations produce, and this run reads "
                    + history().tool().title() + "'s history, whose migrations Ferry does not run",
                    "ferry check --history " + history().tool().id() + " compares the history with the files; ferry diff --from URL --to URL compares two schemas");
        }
        return report(histories.status(), null, null);
    }

    @Override
    protected int execute(Migrations migrations) {
        StatusResult status = migrations.status();
        DiffResult differences = drift ? drift(migrations, status, context.console().progress()) : null;
        return report(status, differences, migrations.files());
    }

    private int report(StatusResult status, DiffResult differences, MigrationSet files) {
        Console console = context.console();
        if (console.json()) {
            console.result(Json.write(json(status, differences)) + "\n");
        } else {
            console.result(MigrationText.check(status, console.ansi()) + (differences == null ? "" : driftText(differences, files)));
        }
        boolean drifted = differences != null && !differences.changes().isEmpty();
        return status.agrees() && !drifted ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
    }

    /** The result of ferry check --json: {status, drift}; drift null when not asked for or not comparable. */
    static Map<String, Object> json(StatusResult status, DiffResult differences) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status);
        json.put("drift", differences);
        return json;
    }

    private DiffResult drift(Migrations migrations, StatusResult status, Progress progress) {
        try {
            return new DiffService(context.dialects(), context.workDir(), shadow, history(), progress).drift(migrations, status).orElse(null);
        } finally {
            progress.finish();
        }
    }

    private String driftText(DiffResult d, MigrationSet files) {
        Console console = context.console();
        return d.changes().isEmpty() ? console.ansi().green("No drift") + ": the live schema is what the migrations produce.\n"
                : console.ansi().red("Drift") + ": " + DiffText.oneLine(d) + "\nhint: ferry diff --from " + d.from()
                        + " --to " + directory(files.location()) + " --script repair.sql writes the SQL that puts it right\n";
    }

    /** The migrations directory as --to takes it: relative to the working directory when inside it. */
    private String directory(String location) {
        if (location.contains(", ") || location.startsWith("classpath:")) {
            // several locations or the class path: diff --to takes one directory
            return "DIR";
        }
        Path dir = Path.of(location).toAbsolutePath().normalize();
        Path work = context.workDir().toAbsolutePath().normalize();
        String shown = dir.startsWith(work) && !dir.equals(work) ? work.relativize(dir).toString() : dir.toString();
        return shown.contains(" ") ? "'" + shown + "'" : shown;
    }
}
