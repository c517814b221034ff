package dev.ferry.migrate;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code repair --history … --undo}: puts back the rows a repair saved, in the caller's transaction. Each row
 * is judged by what it holds now: as the repair left it, it is put back; as it was before, it is
 * left (the repair never committed, or was undone already); anything else means someone changed it
 * since, and the undo refuses rather than overwrite that.
 */
final class ToolUndo {
    private final ToolTable table;
    private final RepairBackup saved;
    private final String shownFile;

    ToolUndo(ToolTable table, RepairBackup saved, String shownFile) {
        this.table = table;
        this.saved = saved;
        this.shownFile = shownFile;
    }

    /** What was put back (inside the caller's transaction), and a note on the rows that already held their old values. */
    record Undone(List<String> changes, List<String> notes) {
    }

    Undone run(Connection c) throws SQLException {
        List<String> lines = new ArrayList<>();
        int already = 0;
        for (RowChange change : saved.changes()) {
            RowChange back = change.reversed();
            if (table.apply(c, back) == 1) {
                lines.add(saved.table() + ": " + back.describe() + ", as before the repair of " + saved.repairedAt());
            } else if (table.holds(c, change.key(), change.before())) {
                already++;
            } else {
                throw new FerryException(ErrorCode.CHECK_FAILED, "cannot undo " + shownFile + ": the row of " + change.describe()
                        + " is no longer as the repair left it (someone changed " + saved.table() + " since); nothing was changed",
                        "ferry status --history " + saved.tool() + " shows the table as it is now");
            }
        }
        List<String> notes = already == 0 ? List.of() : List.of(already + (already == 1 ? " row already holds what it" : " rows already hold what they")
                + " held before the repair of " + saved.repairedAt() + " (that repair did not commit, or was undone already): left as "
                + (already == 1 ? "it is" : "they are") + "; an older saved repair is undone with --undo FILE");
        return new Undone(lines, notes);
    }
}
