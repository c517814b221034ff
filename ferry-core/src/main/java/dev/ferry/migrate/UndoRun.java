package dev.ferry.migrate;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code ferry undo}: runs {@code U} scripts newest first. It checks before it starts that every
 * migration on the way has one, so it never stops half-way for want of a script.
 */
final class UndoRun {
    private final Migrations migrations;

    UndoRun(Migrations migrations) {
        this.migrations = migrations;
    }

    ChangeResult run(MigrationVersion to, Duration lockTimeout) {
        try (MigrationSession s = migrations.open(lockTimeout)) {
            HistoryTable history = migrations.history(s);
            List<MigrationStatus> statuses = StatusCalculator.calculate(migrations.files(), history.read(s.connection()));
            Migrations.refuseProblems(statuses.stream().filter(p -> p.state().isProblem()).toList(), "undo");
            List<MigrationStatus> toUndo = toUndo(statuses, to);
            List<MigrationFile> scripts = new ArrayList<>();
            for (MigrationStatus st : toUndo) {
                scripts.add(migrations.files().undoFor(MigrationVersion.parse(st.version())).orElseThrow(() -> new FerryException(ErrorCode.USAGE,
                        "V" + st.version() + " (" + st.script() + ") has no undo script U" + st.version() + "__*.sql; nothing was undone",
                        "write the undo script, or undo only down to " + st.version() + " with --to " + st.version())));
            }
            MigrationRunner runner = new MigrationRunner(s.connection(), s.dialect(), history, s.installedBy(), s.server().majorVersion());
            List<String> changes = new ArrayList<>();
            List<MigrationFile> undone = new ArrayList<>();
            for (MigrationFile u : scripts) {
                try {
                    AppliedMigration done = runner.run(s.connection(), u, MigrationKind.UNDO);
                    changes.add("undid V" + u.version() + " with " + u.script() + " in " + done.executionMs() + " ms");
                    undone.add(u);
                } catch (FerryException failure) {
                    throw halfWay(failure, u, undone, recordedAsFailed(s, history, u), to);
                }
            }
            return new ChangeResult(migrations.database().url().redacted(), "undo", changes, List.of());
        } catch (SQLException e) {
            throw migrations.sqlFailure("undoing", e);
        }
    }

    private static boolean recordedAsFailed(MigrationSession s, HistoryTable history, MigrationFile u) throws SQLException {
        List<HistoryRow> rows = history.read(s.connection());
        HistoryRow last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
        return last != null && last.kind() == MigrationKind.UNDO && !last.success() && last.script().equals(u.script());
    }

    /**
     * The runner's failure, with what this run did undo before it (that stays undone) and a hint
     * for undo, not migrate: where the database could not roll the script back, the failed entry
     * must be cleared with repair first.
     */
    private static FerryException halfWay(FerryException failure, MigrationFile failed, List<MigrationFile> undone, boolean recorded, MigrationVersion to) {
        String kept = undone.isEmpty() ? "nothing was undone before it"
                : "undone before it and kept: " + String.join(", ", undone.stream().map(u -> "V" + u.version() + " (" + u.script() + ")").toList());
        String again = to == null ? "ferry undo" : "ferry undo --to " + to;
        String hint = recorded
                ? "fix " + failed.script() + ", finish or reverse by hand what its committed statements did, run `ferry repair` to clear the failed"
                        + " undo entry (V" + failed.version() + " stays applied), then `" + again + "` again"
                : "fix " + failed.script() + ", then run `" + again + "` again (V" + failed.version() + " is still applied)";
        return new FerryException(failure.code(), failure.getMessage() + "\n  " + kept, hint, failure.getCause());
    }

    private static List<MigrationStatus> toUndo(List<MigrationStatus> statuses, MigrationVersion to) {
        List<MigrationStatus> applied = statuses.stream()
                .filter(s -> s.kind() == MigrationKind.VERSIONED && s.state() == MigrationState.APPLIED)
                .sorted(Comparator.comparing((MigrationStatus s) -> MigrationVersion.parse(s.version())).reversed()).toList();
        if (applied.isEmpty()) {
            throw new FerryException(ErrorCode.USAGE, "no applied migration to undo", "ferry status shows the history");
        }
        if (to == null) {
            return List.of(applied.get(0));
        }
        return applied.stream().filter(s -> MigrationVersion.parse(s.version()).compareTo(to) > 0).toList();
    }
}
