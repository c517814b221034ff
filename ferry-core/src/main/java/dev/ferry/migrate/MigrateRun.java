package dev.ferry.migrate;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.SqlSplitter;
import dev.ferry.spi.TransactionalDdl;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** One {@code ferry migrate}: check the history, plan, then apply (or show, or rehearse) the plan. */
final class MigrateRun {
    private final Migrations migrations;
    private final MigrateOptions options;
    private final long start = System.nanoTime();
    /** What the plan left out on purpose, reported with the result. */
    private final List<String> notes = new ArrayList<>();

    MigrateRun(Migrations migrations, MigrateOptions options) {
        this.migrations = migrations;
        this.options = options;
    }

    MigrateResult run() {
        if (options.rehearse()) {
            migrations.database().dialect().require(TransactionalDdl.class,
                    "rehearse migrations: its DDL commits statement by statement, so nothing could be rolled back; use --dry-run to see the plan");
        }
        try (MigrationSession s = migrations.open(options.dryRun() ? null : options.lockTimeout())) {
            HistoryTable history = migrations.history(s);
            List<HistoryRow> rows = history.read(s.connection());
            migrations.refuseUnmanaged(s, rows, "migrate");
            List<MigrationStatus> statuses = StatusCalculator.calculate(migrations.files(), rows);
            Migrations.refuseProblems(statuses.stream()
                    .filter(p -> p.state().isProblem() && !(options.outOfOrder() && p.state() == MigrationState.OUT_OF_ORDER)).toList(), "migrate");
            MigrationRunner runner = new MigrationRunner(s.connection(), s.dialect(), history, s.installedBy(), s.server().majorVersion());
            // Every file is planned before any runs: what Ferry cannot run is refused while nothing has changed.
            List<ExecutionPlan> plan = plan(statuses).stream().map(runner::plan).toList();
            if (options.dryRun()) {
                List<String> dryRunNotes = new ArrayList<>(notes);
                plan.stream().filter(p -> !p.transactional()).map(p -> p.file().label() + " will run statement by statement because "
                        + p.whyStatementByStatement() + "; a failure halfway keeps what committed before it").forEach(dryRunNotes::add);
                return result("dry-run", plan.stream().map(p -> AppliedMigration.of(p.file(), 0, p.transactional(), true)).toList(), statuses,
                        dryRunNotes);
            }
            if (options.rehearse()) {
                return rehearse(s, runner, plan, statuses);
            }
            history.create(s.connection()); // only now: a refusal above leaves the database exactly as it was
            return apply(s, runner, plan, statuses);
        } catch (SQLException e) {
            throw migrations.sqlFailure("migrating", e);
        }
    }

    /** Pending versioned migrations up to the target, in version order, then changed repeatables. */
    private List<MigrationFile> plan(List<MigrationStatus> statusList) {
        Map<String, MigrationState> statuses = new HashMap<>();
        statusList.forEach(s -> statuses.putIfAbsent(s.kind() + ":" + s.script(), s.state()));
        List<MigrationFile> plan = new ArrayList<>();
        for (MigrationFile f : migrations.files().versioned()) {
            MigrationState state = stateOf(statuses, f);
            boolean due = state == MigrationState.PENDING || state == MigrationState.UNDONE
                    || (options.outOfOrder() && state == MigrationState.OUT_OF_ORDER);
            if (due && (options.target() == null || f.version().compareTo(options.target()) <= 0)) {
                plan.add(f);
            }
        }
        List<MigrationFile> versioned = migrations.files().versioned();
        MigrationVersion latest = versioned.isEmpty() ? null : versioned.get(versioned.size() - 1).version();
        // Flyway's rule: repeatables come after the versioned ones once the target reaches the latest
        // version. Below it they are left out (they may use what later versions create) and the result says so.
        boolean throughLatest = options.target() == null || latest == null || options.target().compareTo(latest) >= 0;
        for (MigrationFile f : migrations.files().repeatable()) {
            MigrationState state = stateOf(statuses, f);
            if (state == MigrationState.PENDING || state == MigrationState.REPEATABLE_OUTDATED) {
                if (throughLatest) {
                    plan.add(f);
                } else {
                    notes.add(f.script() + " was not applied: --target " + options.target() + " is below the latest version " + latest
                            + ", and repeatable migrations run only with a target at or above it");
                }
            }
        }
        return plan;
    }

    private static MigrationState stateOf(Map<String, MigrationState> statuses, MigrationFile f) {
        return statuses.getOrDefault(f.kind() + ":" + f.script(), MigrationState.PENDING);
    }

    private MigrateResult apply(MigrationSession s, MigrationRunner runner, List<ExecutionPlan> plan, List<MigrationStatus> before) throws SQLException {
        List<AppliedMigration> applied = new ArrayList<>();
        try {
            for (ExecutionPlan p : plan) {
                migrations.progress().update("applying " + p.file().label(), applied.size(), plan.size());
                applied.add(runner.run(s.connection(), p, p.file().kind()));
            }
        } catch (FerryException failure) {
            throw withApplied(failure, applied);
        } finally {
            migrations.progress().finish();
        }
        // The version afterwards follows from the one before and what ran: no second read of the history.
        String version = Stream.concat(Stream.ofNullable(Migrations.schemaVersion(before)),
                        applied.stream().map(AppliedMigration::version).filter(Objects::nonNull))
                .map(MigrationVersion::parse).max(Comparator.naturalOrder()).map(Object::toString).orElse(null);
        return new MigrateResult(migrations.database().url().redacted(), "migrate", applied, version, notes, (System.nanoTime() - start) / 1_000_000);
    }

    /** Says which migrations of this run did stay applied before the failing one. */
    private static FerryException withApplied(FerryException failure, List<AppliedMigration> applied) {
        if (applied.isEmpty()) {
            return failure;
        }
        String kept = applied.stream().map(a -> a.version() == null ? a.script() : "V" + a.version()).reduce((a, b) -> a + ", " + b).orElseThrow();
        return new FerryException(failure.code(), failure.getMessage() + "\n  applied before it and kept: " + kept,
                failure.hint().orElse(null), failure.getCause());
    }

    /** Everything pending inside one transaction, then rolled back: the first error is the answer. */
    private MigrateResult rehearse(MigrationSession s, MigrationRunner runner, List<ExecutionPlan> plan, List<MigrationStatus> statuses)
            throws SQLException {
        plan.forEach(MigrateRun::refuseOwnTransaction);
        TransactionalDdl ddl = (TransactionalDdl) s.dialect();
        Connection c = s.connection();
        List<AppliedMigration> rehearsed = new ArrayList<>();
        List<String> warnings = new ArrayList<>(notes);
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            for (ExecutionPlan p : plan) {
                MigrationFile f = p.file();
                long t = System.nanoTime();
                for (SqlSplitter.Statement statement : p.statements()) {
                    if (ddl.cannotRunInTransaction(statement.sql(), s.server().majorVersion())) {
                        warnings.add(f.label() + " line " + statement.line() + " cannot run inside a transaction and was not rehearsed: "
                                + ExecutionPlan.firstWords(statement.sql()));
                        continue;
                    }
                    try {
                        runner.execute(c, st, statement);
                    } catch (SQLException e) {
                        throw MigrationFailure.of(f, statement, e, s.dialect(), "rehearsal rolled back: nothing was changed",
                                "fix " + f.script() + " and run ferry migrate --rehearse again");
                    }
                }
                rehearsed.add(AppliedMigration.of(f, (System.nanoTime() - t) / 1_000_000, true, false));
            }
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
        return result("rehearse", rehearsed, statuses, warnings);
    }

    /** A file's own COMMIT would end the rehearsal's transaction and keep what it had run. */
    private static void refuseOwnTransaction(ExecutionPlan p) {
        SqlSplitter.Statement control = p.ownTransactionControl();
        if (control != null) {
            throw new FerryException(ErrorCode.USAGE, p.file().label() + " line " + control.line() + ": " + ExecutionPlan.firstWords(control.sql())
                    + " is the file's own transaction control, so it cannot be rehearsed: its COMMIT would keep what the rehearsal ran; nothing was run",
                    "ferry migrate --dry-run shows the plan without running it");
        }
    }

    private MigrateResult result(String mode, List<AppliedMigration> applied, List<MigrationStatus> statuses, List<String> warnings) {
        return new MigrateResult(migrations.database().url().redacted(), mode, applied, Migrations.schemaVersion(statuses), warnings,
                (System.nanoTime() - start) / 1_000_000);
    }
}
