package dev.ferry.cli;

import dev.ferry.data.DataResult;
import dev.ferry.data.DataRun;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.ExitCode;
import dev.ferry.error.FerryException;
import dev.ferry.migrate.MigrateOptions;
import dev.ferry.migrate.MigrateResult;
import dev.ferry.migrate.MigrationVersion;
import dev.ferry.migrate.Migrations;
import dev.ferry.report.DataText;
import dev.ferry.report.Json;
import dev.ferry.report.MigrationText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code ferry migrate}: apply pending schema migrations. */
@Command(name = "migrate", description = "Apply pending schema migrations, each in its own transaction where the database allows; with data: auto in"
        + " ferry.yaml, then the pending data migrations.")
final class MigrateCommand extends MigrationCommand implements WritesDatabase {

    @Option(names = "--target", paramLabel = "VERSION", description = "apply up to and including this version (repeatables too when it is at or above the latest version)")
    private String target;

    @Option(names = "--dry-run", description = "print each pending migration and its SQL; change nothing")
    private boolean dryRun;

    @Option(names = "--rehearse", description = "run all pending migrations in one transaction, then roll it back (PostgreSQL, SQLite)")
    private boolean rehearse;

    @Option(names = "--out-of-order", description = "also apply pending migrations below the highest applied version")
    private boolean outOfOrder;

    MigrateCommand(CliContext context) {
        super(context);
    }

    /**
     * A dry run only reads. A rehearsal changes nothing either, but it runs the migrations' DDL on the
     * protected database and holds their locks until the rollback, which can stall production: it asks.
     */
    @Override
    public boolean writesDatabase() {
        return !dryRun;
    }

    @Override
    protected int execute(Migrations migrations) {
        if (dryRun && rehearse) {
            throw new FerryException(ErrorCode.USAGE, "--dry-run and --rehearse do not go together", "--dry-run shows the plan; --rehearse runs it and rolls back");
        }
        MigrateResult result = migrations.migrate(new MigrateOptions(target == null ? null : MigrationVersion.parse(target),
                dryRun, rehearse, outOfOrder, lockTimeout()));
        Console console = context.console();
        boolean withData = workspace().config().dataAuto() && !rehearse;
        if (!withData || !console.json()) {
            console.result(console.json() ? Json.write(json(result)) + "\n" : MigrationText.migrate(result, console.ansi()));
        }
        if (withData) {
            runData(result, console);
        }
        return ExitCode.OK.code();
    }

    /**
     * data: auto in ferry.yaml: the pending data migrations after the schema ones, dry when the schema's
     * run was; one that fails fails the command (exit 4), the schema migrations staying applied.
     */
    private void runData(MigrateResult schema, Console console) {
        DataResult data;
        try {
            data = dataRun().run(null, DataRun.Options.plain(dryRun, lockTimeout(), 0));
        } catch (FerryException e) {
            throw new FerryException(e.code(), "the schema migrations were applied (" + schema.applied().size() + " now, schema version "
                    + schema.schemaVersion() + "), then the data migrations (data: auto in ferry.yaml) failed: " + e.getMessage(), e.hint().orElse(null), e);
        }
        if (console.json()) {
            Map<String, Object> json = json(schema);
            json.put("data", data);
            console.result(Json.write(json) + "\n");
        } else {
            console.result(DataText.run(data, console.ansi()));
        }
    }

    /** The result with its migrations under a truthful key: a dry run applied nothing, a rehearsal rolled back. */
    static Map<String, Object> json(MigrateResult r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", r.url());
        json.put("mode", r.mode());
        json.put(switch (r.mode()) {
            case "dry-run" -> "wouldApply";
            case "rehearse" -> "rehearsed";
            default -> "applied";
        }, r.applied());
        json.put("schemaVersion", r.schemaVersion());
        json.put("warnings", r.warnings());
        json.put("elapsedMs", r.elapsedMs());
        return json;
    }
}
