package dev.ferry.migrate;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.SqlSplitter;

import dev.ferry.report.Formats;

import java.sql.SQLException;

/** The message for a migration whose statement failed: file, line, statement, and what was undone. */
final class MigrationFailure {
    private MigrationFailure() {
    }

    static FerryException of(MigrationFile f, SqlSplitter.Statement st, SQLException e, String aftermath) {
        String sql = st.sql().length() > 300 ? st.sql().substring(0, 300) + "…" : st.sql();
        return new FerryException(ErrorCode.STEP_FAILED,
                f.label() + " failed at line " + st.line() + ": " + Formats.firstLine(e.getMessage()) + "\n  statement: " + sql.replace("\n", "\n             ")
                        + "\n  " + aftermath,
                "fix " + f.script() + " and run ferry migrate again", e);
    }

    static String where(SqlSplitter.Statement st) {
        return "line " + st.line() + ": " + st.sql();
    }

}
