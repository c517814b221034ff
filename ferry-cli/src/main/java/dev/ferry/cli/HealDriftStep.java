package dev.ferry.cli;

import dev.ferry.connect.Target;
import dev.ferry.connect.Workspace;
import dev.ferry.cutover.StepActions.StepContext;
import dev.ferry.cutover.StepActions.StepResult;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.migrate.MigrationScanner;
import dev.ferry.migrate.MigrationSet;
import dev.ferry.migrate.Migrations;
import dev.ferry.migrate.StatusResult;
import dev.ferry.report.Progress;
import dev.ferry.schema.DiffResult;
import dev.ferry.schema.DiffService;
import dev.ferry.schema.DriftRepair;
import dev.ferry.spi.Database;

import java.util.Map;
import java.util.function.Consumer;

/**
 * A plan's heal-drift step: the live schema put back to what its applied migrations produce (a column
 * dropped by hand comes back), drops only when the plan allows. What the migrations produce is built
 * on a shadow database, the slow part; {@link #prepare} builds it before the run begins, outside the
 * downtime, so that the step itself only inspects, compares and repairs.
 */
final class HealDriftStep {
    private final CliContext context;
    private final Workspace workspace;
    private final DiffService diffs;

    HealDriftStep(CliContext context, Workspace workspace) {
        this.context = context;
        this.workspace = workspace;
        this.diffs = new DiffService(context.dialects(), context.workDir(), null, workspace.config().history(), Progress.NONE);
    }

    /**
     * Builds what the migrations make of {@code on} as step {@code id} will find it: every file when a
     * migrate step on it runs first, else the files its history says are applied.
     */
    void prepare(String id, Target on, boolean migratedFirst, Consumer<String> say) {
        long started = System.nanoTime();
        try (Database database = context.dialects().open(on.url())) {
            Migrations migrations = migrations(database);
            MigrationSet files = migratedFirst ? migrations.files() : applied(migrations);
            if (files == null) {
                return; // history and files disagree: the step says so when it runs
            }
            diffs.prepareDrift(database, files, null);
            say.accept("  [" + id + "] prepared before the run: what the migrations make, built on a shadow database in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
        } catch (FerryException e) {
            say.accept("  [" + id + "] not prepared before the run (" + e.getMessage() + "): the step builds it when it runs");
        }
    }

    StepResult run(Map<String, Object> options, Target on, StepContext ctx) {
        boolean destructive = Boolean.TRUE.equals(options.get("destructive"));
        try (Database database = context.dialects().open(on.url())) {
            Migrations migrations = migrations(database);
            DiffResult drift = diffs.drift(migrations, migrations.status()).orElseThrow(() -> new FerryException(ErrorCode.CHECK_FAILED, "the history of "
                    + on.url().redacted() + " and the migration files disagree, so what the schema should be is not known",
                    "ferry check --url URL says how; ferry repair mends the history"));
            drift.changes().forEach(change -> ctx.log(change.object() + ": " + change.summary() + (change.destructive() && !destructive
                    ? " (destructive: left out)" : "")));
            DriftRepair.Healed healed = DriftRepair.heal(database, drift, destructive);
            return new StepResult(Map.of("changes", healed.applied()), drift.changes().isEmpty() ? "no drift on the " + options.get("on")
                    : "repaired the drift of the " + options.get("on") + ": " + healed.applied() + " change(s)"
                    + (healed.leftOut() > 0 ? ", " + healed.leftOut() + " destructive left out (destructive: true applies them)" : ""));
        }
    }

    private static MigrationSet applied(Migrations migrations) {
        StatusResult status = migrations.status();
        return status.agrees() ? migrations.files().applied(status.migrations()) : null;
    }

    private Migrations migrations(Database database) {
        return new Migrations(database, MigrationScanner.scan(workspace.config().migrations(), workspace.directory(), getClass().getClassLoader()),
                workspace.config().history(), Progress.NONE);
    }
}
