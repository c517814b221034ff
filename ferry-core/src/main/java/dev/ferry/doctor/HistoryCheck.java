package dev.ferry.doctor;

import dev.ferry.connect.HistoryConfig;
import dev.ferry.connect.HistoryTool;
import dev.ferry.connect.Workspace;
import dev.ferry.error.FerryException;
import dev.ferry.migrate.MigrationScanner;
import dev.ferry.migrate.MigrationSet;
import dev.ferry.migrate.Migrations;
import dev.ferry.migrate.StatusResult;
import dev.ferry.report.DiffText;
import dev.ferry.report.Progress;
import dev.ferry.schema.DiffResult;
import dev.ferry.schema.DiffService;
import dev.ferry.spi.Database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether the database's history agrees with the workspace's migration files ({@code ferry check})
 * and, when asked, whether its live schema is what those migrations produce ({@code ferry check
 * --drift}): the two answers of {@code ferry check} as doctor lines, through the same services.
 */
final class HistoryCheck {
    static final String HISTORY = "history";
    static final String DRIFT = "drift";

    private HistoryCheck() {
    }

    static List<DoctorCheck> check(Database database, Workspace workspace, DiffService drift) {
        HistoryConfig config = workspace.config().history();
        if (config.tool() != HistoryTool.FERRY) {
            return withDrift(drift, new DoctorCheck(HISTORY, CheckStatus.INFO, "not checked here: ferry.yaml keeps " + config.tool().title() + "'s history",
                    "ferry check --history " + config.tool().id() + " compares it with the files"), "Ferry runs no migrations of " + config.tool().title());
        }
        String location = workspace.config().migrations();
        Path directory = workspace.directory().resolve(location);
        if (!location.startsWith("classpath:") && !Files.exists(directory)) {
            return withDrift(drift, new DoctorCheck(HISTORY, CheckStatus.INFO, "not checked: no migrations directory at " + directory, null),
                    "there are no migrations to compare with");
        }
        try {
            MigrationSet files = MigrationScanner.scan(location, workspace.directory(), HistoryCheck.class.getClassLoader());
            Migrations migrations = new Migrations(database, files, config, Progress.NONE);
            StatusResult status = migrations.status();
            if (!status.agrees()) {
                return withDrift(drift, disagreement(status), "the history and the files disagree");
            }
            DoctorCheck agrees = new DoctorCheck(HISTORY, CheckStatus.OK, "agrees with " + status.location() + " (version "
                    + (status.schemaVersion() == null ? "none" : status.schemaVersion()) + ", " + status.pending() + " pending)", null);
            return drift == null ? List.of(agrees) : List.of(agrees, drift(drift, migrations, status));
        } catch (FerryException e) {
            return List.of(DoctorCheck.failed(HISTORY, e));
        }
    }

    private static DoctorCheck disagreement(StatusResult status) {
        if (status.unmanaged() != null) {
            return new DoctorCheck(HISTORY, CheckStatus.FAIL, status.unmanaged().message(), status.unmanaged().hint());
        }
        int n = status.problems().size();
        return new DoctorCheck(HISTORY, CheckStatus.FAIL, "disagrees with " + status.location() + ": " + n + (n == 1 ? " problem, " : " problems, first ")
                + Migrations.describe(status.problems().get(0)), "ferry check lists every problem with its fix");
    }

    /** Drift, for a history that agrees with the files. */
    private static DoctorCheck drift(DiffService diff, Migrations migrations, StatusResult status) {
        try {
            DiffResult d = diff.drift(migrations, status).orElseThrow();
            return d.changes().isEmpty() ? new DoctorCheck(DRIFT, CheckStatus.OK, "none: the live schema is what the migrations produce", null)
                    : new DoctorCheck(DRIFT, CheckStatus.FAIL, DiffText.oneLine(d), "ferry diff --from " + d.from() + " --to " + migrations.files().location()
                            + " --script repair.sql writes the SQL that puts it right");
        } catch (FerryException e) {
            return DoctorCheck.failed(DRIFT, e);
        }
    }

    /** The history's line, then (when drift was asked for) why drift was not compared. */
    private static List<DoctorCheck> withDrift(DiffService drift, DoctorCheck history, String whyNot) {
        return drift == null ? List.of(history) : List.of(history, new DoctorCheck(DRIFT, CheckStatus.INFO, "not checked: " + whyNot, null));
    }
}
