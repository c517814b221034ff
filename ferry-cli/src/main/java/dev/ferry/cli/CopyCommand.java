package dev.ferry.cli;

import dev.ferry.connect.Target;
import dev.ferry.connect.UrlForm;
import dev.ferry.connect.Workspace;
import dev.ferry.copy.CopyOptions;
import dev.ferry.copy.CopyResult;
import dev.ferry.copy.CopyService;
import dev.ferry.copy.MappedCopy;
import dev.ferry.copy.MappingFile;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.ExitCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.CopyText;
import dev.ferry.report.Json;
import dev.ferry.spi.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ferry copy --from A --to B}: tables streamed from one database into another, checkpointed
 * per table and key range. It writes to B, so a protected B needs {@code --yes} or its typed name.
 */
@Command(name = "copy", description = "Copy a database's schema and rows into another, streamed with no file in between: tables from one snapshot,"
        + " large ones in key ranges, each committed with a checkpoint so --resume finishes an interrupted copy without copying anything twice.")
final class CopyCommand implements Callable<Integer>, WritesDatabase {
    private final CliContext context;

    @Mixin
    private GlobalOptions globals;

    @Spec
    private CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "A", description = "the source: a database URL or an environment of ferry.yaml")
    private String from;

    @Option(names = "--to", required = true, paramLabel = "B", description = "the target: a database URL or an environment of ferry.yaml")
    private String to;

    @Option(names = "--tables", split = ",", paramLabel = "T", description = "only these tables (album or public.album, comma-separated); needs --data-only")
    private List<String> tables;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "2", description = "sessions on each side at once (default: ${DEFAULT-VALUE})")
    private int jobs;

    @Option(names = "--schema-only", description = "build the source's schema on the target, copy no rows")
    private boolean schemaOnly;

    @Option(names = "--data-only", description = "copy rows into the tables the target has (they must be empty, unless --truncate)")
    private boolean dataOnly;

    @Option(names = "--truncate", description = "with --data-only: empty the target's tables first")
    private boolean truncate;

    @Option(names = "--resume", description = "finish the target's interrupted copy: parts committed before are kept, the rest copied")
    private boolean resume;

    @Option(names = "--verify", description = "also read every table back from the target and compare its checksum with what the source sent"
            + " (between different databases: count every table on both sides)")
    private boolean verify;

    @Option(names = "--snake-case", description = "from MariaDB/MySQL or SQLite into PostgreSQL: tables and columns in snake_case (InvoiceLineId → invoice_line_id)")
    private boolean snakeCase;

    @Option(names = "--mapping", paramLabel = "FILE", description = "fill the target's tables as FILE says (see examples/mapping.yaml): per target table"
            + " its source table or query and a source expression per column, into tables the target has")
    private Path mappingFile;

    @Option(names = "--dry-run", description = "with --mapping: check the mapping against both databases and print, per target table, the query"
            + " that fills it and the rows it would move; write nothing")
    private boolean dryRun;

    @Option(names = "--max-rejects", paramLabel = "N", defaultValue = "0", description = "rows a table may refuse (a foreign key, a check, a value"
            + " its type cannot hold) before the copy stops; each is written to --rejects-dir/TABLE.jsonl with the error (default: ${DEFAULT-VALUE},"
            + " the first refused row stops the copy); between different databases and through a mapping")
    private int maxRejects;

    @Option(names = "--rejects-dir", paramLabel = "DIR", defaultValue = "rejects", description = "where rejected rows are written (default: ${DEFAULT-VALUE})")
    private Path rejectsDir;

    CopyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        refuseConflictingOptions();
        GlobalOptions.Settings settings = ((FerryCommand) spec.root().userObject()).settings();
        Workspace workspace = context.workspace(settings);
        MappingFile mapping = mappingFile == null ? null : MappingFile.load(mappingFile, context.workDir().resolve(mappingFile));
        Target source = workspace.resolveUrlOrEnvironment(from, "--from");
        Target target = workspace.resolveUrlOrEnvironment(to, "--to");
        if (source.url().identity().equals(target.url().identity())) {
            throw new FerryException(ErrorCode.USAGE, "--from and --to are the same database (" + target.url().redacted() + ")",
                    "copy into another database");
        }
        EnvironmentWrites writes = dryRun ? null : context.confirmWrite(target, "copy", settings);
        Console console = context.console();
        if (source.url().form() == UrlForm.EMBEDDED || target.url().form() == UrlForm.EMBEDDED) {
            console.note("starting the embedded PostgreSQL…");
        }
        CopyOptions options = new CopyOptions(jobs, tables, schemaOnly, dataOnly, truncate, resume, verify, snakeCase, maxRejects,
                context.workDir().resolve(rejectsDir), context.workDir().resolve(".ferry").resolve("copies"));
        try (Database a = context.dialects().open(source.url()); Database b = context.dialects().open(target.url())) {
            if (mapping != null && dryRun) {
                MappedCopy.DryRun plan = new MappedCopy(mapping, options, console.progress(), console::report).dryRun(a, b);
                console.result(console.json() ? Json.write(plan) + "\n" : CopyText.dryRun(plan, console.ansi()));
                return ExitCode.OK.code();
            }
            return writes.around(b, () -> {
                CopyResult r = mapping != null ? new MappedCopy(mapping, options, console.progress(), console::report).copy(a, b)
                        : new CopyService(options, console.progress(), console::report).copy(a, b);
                console.result(console.json() ? Json.write(r) + "\n" : CopyText.copy(r, console.ansi()));
                return ExitCode.OK.code();
            });
        }
    }

    private void refuseConflictingOptions() {
        if (dryRun && mappingFile == null) {
            throw new FerryException(ErrorCode.USAGE, "--dry-run shows what a --mapping would do", "add --mapping FILE, or leave out --dry-run");
        }
        if (mappingFile != null && (schemaOnly || snakeCase || (tables != null && !tables.isEmpty()))) {
            throw new FerryException(ErrorCode.USAGE, "--mapping fills the target's tables as the file says: it takes no --schema-only, --snake-case or --tables",
                    "name the target tables and their columns in the mapping file");
        }
        if (schemaOnly && dataOnly) {
            throw new FerryException(ErrorCode.USAGE, "--schema-only and --data-only exclude each other", "pass one of them, or neither to copy both");
        }
        if (truncate && !dataOnly && mappingFile == null) {
            throw new FerryException(ErrorCode.USAGE, "--truncate empties existing tables, which only --data-only copies into", "add --data-only");
        }
        if (tables != null && !tables.isEmpty() && !dataOnly) {
            throw new FerryException(ErrorCode.USAGE, "--tables copies rows of some tables into a target that has them: it needs --data-only"
                    + " (building part of a schema is not supported)", "create the schema first (ferry copy --schema-only), then copy --tables … --data-only");
        }
        if (maxRejects < 0) {
            throw new FerryException(ErrorCode.USAGE, "--max-rejects must be 0 or more, not " + maxRejects, "--max-rejects 100 sets up to 100 refused rows aside per table");
        }
        if (jobs < 1) {
            throw new FerryException(ErrorCode.USAGE, "--jobs must be at least 1, not " + jobs, "--jobs 2 uses both cores of a small machine");
        }
    }
}
