package dev.ferry.validate;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Formats;
import dev.ferry.spi.Database;
import dev.ferry.spi.Dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ferry validate}: runs the checks of checks.yaml against one database and returns one result
 * per check. The flow reads in order: the baseline is there if a check needs it → connect → each
 * check looks up what it names, runs its SQL and judges. Every check runs in its own transaction that
 * is rolled back, so a check never changes the database (a {@code sql:} check that writes included),
 * and one check's error does not stop the others.
 *
 * <pre>{@code
 * ChecksFile checks = ChecksFile.load(Path.of("checks.yaml"), Path.of("checks.yaml"));
 * ValidateResult result = new ValidateRun(checks, Optional.empty()).run(database);
 * }</pre>
 */
public final class ValidateRun {
    /** At most this many failing rows (or sample rows) are kept per check. */
    public static final int ROW_LIMIT = 20;

    private final ChecksFile checks;
    private final Optional<BaselineManifest> baseline;

    public ValidateRun(ChecksFile checks, Optional<BaselineManifest> baseline) {
        this.checks = checks;
        this.baseline = baseline;
        requireBaseline();
    }

    private void requireBaseline() {
        if (checks.needsBaseline() && baseline.isEmpty()) {
            throw new FerryException(ErrorCode.USAGE, checks.file() + " line " + checks.baselineLines().get(0)
                    + ": this check compares with a backup (rowCount equals: baseline, or tablesIntact), but no baseline was given",
                    "name the backup's manifest: ferry validate --checks " + checks.file() + " --baseline backups/<db>-<time>/manifest.json");
        }
    }

    public ValidateResult run(Database database) {
        Instant started = Instant.now();
        long start = System.nanoTime();
        Dialect dialect = database.dialect();
        List<CheckResult> results = new ArrayList<>();
        try (Connection c = database.connect()) {
            CheckRunner runner = new CheckRunner(new Catalog(dialect, c), new CheckSql(dialect), c, baseline, new TableFingerprints(database));
            for (Check check : checks.checks()) {
                results.add(inTransaction(c, runner, check));
            }
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "validating " + database.url().redacted() + " failed: " + Formats.firstLine(e.getMessage()),
                    "check that the user may read the tables the checks name", e);
        }
        int passed = (int) results.stream().filter(r -> r.outcome().equals(CheckResult.PASSED)).count();
        int failed = (int) results.stream().filter(r -> !r.passed()).count();
        return new ValidateResult(database.url().redacted(), checks.file().toString(), baseline.map(b -> b.file().toString()).orElse(null),
                started, (System.nanoTime() - start) / 1_000_000, passed, failed, results.size() - passed - failed, List.copyOf(results), List.of());
    }

    private static CheckResult inTransaction(Connection c, CheckRunner runner, Check check) throws SQLException {
        c.setAutoCommit(false);
        try {
            return runner.run(check);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }
}
