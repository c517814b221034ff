package dev.ferry.migrate;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.Dialect;
import dev.ferry.spi.SqlSplitter;

import dev.ferry.report.Formats;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The message for a migration whose statement failed: the file line the server's error points
 * at, the statement (without its leading comments, shortened around that line), and what was
 * undone or stays.
 */
final class MigrationFailure {
    /** A statement up to this many lines is shown whole. */
    private static final int WHOLE = 12;
    private static final int LINE_WIDTH = 160;

    private MigrationFailure() {
    }

    static FerryException of(MigrationFile f, SqlSplitter.Statement st, SQLException e, Dialect dialect, String aftermath, String hint) {
        int position = dialect.errorPosition(e, st.sql());
        int errorLine = position > 0 ? st.lineAt(position) : st.line();
        return new FerryException(ErrorCode.STEP_FAILED,
                f.label() + " failed at line " + errorLine + ": " + Formats.firstLine(e.getMessage())
                        + "\n  statement at line " + st.line() + ":\n" + excerpt(st.sql(), errorLine - st.line()) + "\n  " + aftermath,
                hint, e);
    }

    /** A failure of a file that ran statement by statement: why it did, what committed, and the one way on. */
    static FerryException statementByStatement(MigrationFile f, SqlSplitter.Statement st, SQLException e, Dialect dialect, String why,
                                               int committed, String rolledBack, String command) {
        String kept = committed == 0 ? "nothing of it had committed" : "its first " + committed + " statement(s) committed and stay";
        String aftermath = "it ran statement by statement because " + why + ": " + kept + (rolledBack == null ? "" : "; " + rolledBack)
                + "; recorded as failed";
        String hint = committed == 0
                ? "fix " + f.script() + ", then run ferry repair (it clears the failed entry) and " + command
                : "undo what those " + committed + " statement(s) did by hand (or make " + f.script() + " skip what exists), fix it, "
                        + "then run ferry repair (it clears the failed entry) and " + command;
        return of(f, st, e, dialect, aftermath, hint);
    }

    static String where(SqlSplitter.Statement st) {
        return "line " + st.line() + ": " + st.sql();
    }

    /** The statement indented, whole when short, else its head and the lines around the error ({@code errorIndex} 0-based). */
    static String excerpt(String sql, int errorIndex) {
        List<String> lines = Arrays.asList(sql.split("\n", -1));
        List<String> shown = new ArrayList<>();
        if (lines.size() <= WHOLE) {
            shown.addAll(lines);
        } else if (errorIndex > 6) {
            shown.addAll(lines.subList(0, 3));
            shown.add("…");
            shown.addAll(lines.subList(errorIndex - 2, Math.min(lines.size(), errorIndex + 3)));
            if (errorIndex + 3 < lines.size()) {
                shown.add("… (" + (lines.size() - errorIndex - 3) + " more lines)");
            }
        } else {
            shown.addAll(lines.subList(0, 10));
            shown.add("… (" + (lines.size() - 10) + " more lines)");
        }
        StringBuilder sb = new StringBuilder();
        for (String l : shown) {
            sb.append(sb.length() == 0 ? "" : "\n").append("    ").append(l.length() > LINE_WIDTH ? l.substring(0, LINE_WIDTH) + "…" : l);
        }
        return sb.toString();
    }
}
