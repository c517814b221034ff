package dev.ferry.schema;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.Database;
import dev.ferry.spi.SqlSplitter;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Puts a drifted database back to what its applied migrations produce: runs the repair script of
 * {@link DiffService#drift} on it, in one transaction where the database allows (the script says so
 * itself: BEGIN … COMMIT). Destructive changes (a drop, a narrowing) run only when allowed; otherwise
 * they stay out, commented in the script, and are counted.
 *
 * <pre>{@code
 * DiffResult drift = new DiffService(dialects, workDir, null, history).drift(database, applied, null);
 * DriftRepair.Healed healed = DriftRepair.heal(database, drift, false);
 * }</pre>
 */
public final class DriftRepair {
    private DriftRepair() {
    }

    /** What the repair did: the changes applied, the destructive ones left out, and the script that ran. */
    public record Healed(long applied, long leftOut, String script) {
    }

    public static Healed heal(Database live, DiffResult drift, boolean allowDestructive) {
        String script = drift.script(allowDestructive);
        long leftOut = allowDestructive ? 0 : drift.destructive();
        if (drift.changes().isEmpty()) {
            return new Healed(0, 0, script);
        }
        SqlSplitter.Statement current = null;
        try (Connection c = live.connect(); Statement s = c.createStatement()) {
            try {
                for (SqlSplitter.Statement statement : SqlSplitter.split(script, live.dialect().backslashEscapes())) {
                    current = statement;
                    s.execute(statement.sql());
                }
            } catch (SQLException e) {
                rollBack(s);
                throw new FerryException(ErrorCode.STEP_FAILED, "repairing the drift of " + live.url().redacted() + " failed at line " + current.line()
                        + " of its script (" + current.sql().lines().findFirst().orElse("") + "): " + e.getMessage()
                        + (drift.oneTransaction() ? "; its transaction was rolled back, nothing was changed" : ""),
                        "ferry check --drift shows the drift; ferry diff --script writes the script to look at", e);
            }
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.CONNECT, "cannot connect to " + live.url().redacted() + " to repair its drift: " + e.getMessage(), null, e);
        }
        return new Healed(drift.changes().size() - leftOut, leftOut, script);
    }

    private static void rollBack(Statement s) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException alreadyEnded) {
            // no transaction was open (a database without transactional DDL): nothing to roll back
        }
    }
}
