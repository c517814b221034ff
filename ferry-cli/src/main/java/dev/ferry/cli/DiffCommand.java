package dev.ferry.cli;

import dev.ferry.connect.Workspace;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.ExitCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.DiffText;
import dev.ferry.report.Json;
import dev.ferry.report.Progress;
import dev.ferry.schema.DiffResult;
import dev.ferry.schema.DiffService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ferry diff}: the schema difference between two sources, as SQL that turns A into B. */
@Command(name = "diff", description = "Show how schema A differs from B and write the SQL that turns A into B.")
final class DiffCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    private GlobalOptions globals;

    @Spec
    private CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "A", description = "database URL, migrations directory or .sql schema file to change")
    private String from;

    @Option(names = "--to", required = true, paramLabel = "B", description = "database URL, migrations directory or .sql schema file to reach")
    private String to;

    @Option(names = "--script", paramLabel = "FILE", description = "write the SQL here instead of printing it")
    private Path script;

    @Option(names = "--shadow", paramLabel = "URL", description = "server for scratch databases (default: an embedded PostgreSQL of the live side's version)")
    private String shadow;

    @Option(names = "--allow-destructive", description = "include statements that drop data (otherwise written commented out)")
    private boolean allowDestructive;

    @Option(names = "--schema", paramLabel = "NAME", description = "compare only this schema")
    private String schema;

    @Option(names = "--owners", description = "compare who owns each object too (two live databases only; left out by default)")
    private boolean owners;

    DiffCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        GlobalOptions.Settings s = ((FerryCommand) spec.root().userObject()).settings();
        Workspace ws = context.workspace(s);
        String a = ws.variables().expand(from, "--from");
        String b = ws.variables().expand(to, "--to");
        String shadowUrl = shadow == null ? null : ws.variables().expand(shadow, "--shadow");
        Console console = context.console();
        Progress progress = console.progress();
        DiffResult result;
        try {
            result = new DiffService(context.dialects(), context.workDir(), shadowUrl, ws.config().history(), progress).diff(a, b, schema, owners);
        } finally {
            progress.finish();
        }
        if (console.json()) {
            console.result(Json.write(result) + "\n");
        } else if (script != null) {
            write(context.workDir().resolve(script), result.script(allowDestructive));
            console.result(DiffText.summary(result, console.ansi()) + "Wrote the script to " + script
                    + (result.destructive() > 0 && !allowDestructive ? " (" + result.destructive() + " destructive statements commented out)" : "") + ".\n");
        } else {
            console.result(DiffText.summary(result, console.ansi()) + (result.changes().isEmpty() ? "" : "\n"));
            if (!result.changes().isEmpty()) {
                console.sql(result.script(allowDestructive));
            }
        }
        return ExitCode.OK.code();
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.FILE_NOT_FOUND, "cannot write " + file + ": " + e.getMessage(), "check that its directory exists and is writable", e);
        }
    }
}
