package dev.ferry.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ferry repair}: re-points renamed files, removes failed entries and, only when asked,
 * records the new checksums of edited files. It runs no migration and prints every change.
 */
final class RepairRun {
    private final Migrations migrations;
    private final boolean acceptEdits;

    RepairRun(Migrations migrations, boolean acceptEdits) {
        this.migrations = migrations;
        this.acceptEdits = acceptEdits;
    }

    ChangeResult run(Duration lockTimeout) {
        try (MigrationSession s = migrations.open(lockTimeout)) {
            HistoryTable history = migrations.history(s);
            Connection c = s.connection();
            List<String> changes = new ArrayList<>();
            for (MigrationStatus st : StatusCalculator.calculate(migrations.files(), history.read(c))) {
                repair(c, history, st, changes);
            }
            List<MigrationStatus> remaining = StatusCalculator.calculate(migrations.files(), history.read(c)).stream()
                    .filter(x -> x.state().isProblem()).toList();
            return new ChangeResult(migrations.database().url().redacted(), "repair", changes, remaining);
        } catch (SQLException e) {
            throw migrations.sqlFailure("repairing the history", e);
        }
    }

    private void repair(Connection c, HistoryTable history, MigrationStatus st, List<String> changes) throws SQLException {
        switch (st.state()) {
            case RENAMED -> {
                MigrationFile f = file(st);
                history.repoint(c, st.rank(), f);
                changes.add("re-pointed history entry " + st.rank() + " (" + st.detail().replaceFirst("^was ", "") + ") to " + f.script() + ", same content; nothing run");
            }
            case FAILED -> {
                history.delete(c, st.rank());
                changes.add("removed the failed entry for V" + st.version() + " (" + st.script() + ")");
            }
            case EDITED -> {
                if (acceptEdits) {
                    MigrationFile f = file(st);
                    history.updateChecksum(c, st.rank(), f.checksum());
                    boolean renamed = st.detail().startsWith("was ");
                    if (renamed) {
                        history.repoint(c, st.rank(), f);
                    }
                    changes.add("accepted the edited " + f.script() + (renamed ? " (" + st.detail().substring(0, st.detail().indexOf(';')) + ")" : "")
                            + ": recorded its new checksum" + (renamed ? " and name" : "") + "; nothing run");
                }
            }
            default -> { }
        }
    }

    private MigrationFile file(MigrationStatus st) {
        return migrations.files().all().stream().filter(f -> f.script().equals(st.script()) && f.kind() == st.kind()).findFirst().orElseThrow();
    }
}
