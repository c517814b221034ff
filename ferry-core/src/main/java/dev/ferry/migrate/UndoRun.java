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
            MigrationRunner runner = new MigrationRunner(s.dialect(), history, s.installedBy(), s.server().majorVersion());
            List<String> changes = new ArrayList<>();
            for (MigrationFile u : scripts) {
                AppliedMigration done = runner.run(s.connection(), u, MigrationKind.UNDO);
                changes.add("undid V" + u.version() + " with " + u.script() + " in " + done.executionMs() + " ms");
            }
            return new ChangeResult(migrations.database().url().redacted(), "undo", changes, List.of());
        } catch (SQLException e) {
            throw migrations.sqlFailure("undoing", e);
        }
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
