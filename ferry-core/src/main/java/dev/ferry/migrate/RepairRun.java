package dev.ferry.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ferry repair}: re-points renamed files, removes failed entries and, only when asked,
 * records the new checksums of edited files and forgets the history of deleted ones. It runs no
 * migration and prints every change.
 */
final class RepairRun {
    private final Migrations migrations;
    private final boolean acceptEdits;
    private final boolean forgetMissing;

    RepairRun(Migrations migrations, boolean acceptEdits, boolean forgetMissing) {
        this.migrations = migrations;
        this.acceptEdits = acceptEdits;
        this.forgetMissing = forgetMissing;
    }

    ChangeResult run(Duration lockTimeout) {
        try (MigrationSession s = migrations.open(lockTimeout)) {
            HistoryTable history = migrations.history(s);
            Connection c = s.connection();
            List<String> changes = new ArrayList<>();
            List<HistoryRow> rows = history.read(c);
            for (MigrationStatus st : StatusCalculator.calculate(migrations.files(), rows)) {
                repair(c, history, st, rows, changes);
            }
            List<MigrationStatus> remaining = StatusCalculator.calculate(migrations.files(), history.read(c)).stream()
                    .filter(x -> x.state().isProblem()).toList();
            return new ChangeResult(migrations.database().url().redacted(), "repair", changes, remaining);
        } catch (SQLException e) {
            throw migrations.sqlFailure("repairing the history", e);
        }
    }

    private void repair(Connection c, HistoryTable history, MigrationStatus st, List<HistoryRow> rows, List<String> changes) throws SQLException {
        switch (st.state()) {
            case RENAMED -> {
                MigrationFile f = file(st);
                history.repoint(c, st.rank(), f);
                changes.add("re-pointed history entry " + st.rank() + " (" + st.formerScript() + ") to " + f.script() + ", same content; nothing run");
            }
            case FAILED -> {
                history.delete(c, st.rank());
                changes.add("removed the failed entry for V" + st.version() + " (" + st.script() + ")");
            }
            case EDITED -> {
                if (acceptEdits) {
                    MigrationFile f = file(st);
                    history.updateChecksum(c, st.rank(), f.checksum());
                    boolean renamed = st.formerScript() != null;
                    if (renamed) {
                        history.repoint(c, st.rank(), f);
                    }
                    changes.add("accepted the edited " + f.script() + (renamed ? " (was " + st.formerScript() + ")" : "")
                            + ": recorded its new checksum" + (renamed ? " and name" : "") + "; nothing run");
                }
            }
            case MISSING -> {
                if (forgetMissing) {
                    forget(c, history, st, rows, changes);
                }
            }
            default -> { }
        }
    }

    /**
     * Removes every row of a file that is gone: for a versioned one its applies and undos, for a
     * repeatable each of its runs, so no older row takes the place of the one removed.
     */
    private static void forget(Connection c, HistoryTable history, MigrationStatus st, List<HistoryRow> rows, List<String> changes) throws SQLException {
        List<HistoryRow> of = rows.stream().filter(r -> st.version() == null
                ? r.kind() == MigrationKind.REPEATABLE && r.description().equals(st.description())
                : (r.kind() == MigrationKind.VERSIONED || r.kind() == MigrationKind.UNDO) && r.version() != null
                        && MigrationVersion.isVersion(r.version()) && r.parsedVersion().equals(MigrationVersion.parse(st.version()))).toList();
        for (HistoryRow r : of) {
            history.delete(c, r.rank());
        }
        changes.add("forgot " + (st.version() == null ? "R" : "V" + st.version()) + " " + st.description() + " (" + st.script() + "): removed "
                + Migrations.entries(of.size()) + " of a file that is no longer there; the database keeps what it did");
    }

    private MigrationFile file(MigrationStatus st) {
        return migrations.files().all().stream().filter(f -> f.script().equals(st.script()) && f.kind() == st.kind()).findFirst().orElseThrow();
    }
}
