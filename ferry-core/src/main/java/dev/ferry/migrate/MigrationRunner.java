package dev.ferry.migrate;

import dev.ferry.spi.Dialect;
import dev.ferry.spi.SqlSplitter;
import dev.ferry.spi.TransactionalDdl;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Runs one migration file and records it. Inside one transaction where the database allows it,
 * with its history row in the same transaction, so the row exists exactly when the commit
 * succeeded (a deferred constraint that fails at commit leaves neither). Otherwise statement by
 * statement, and a failure is recorded with the statement that failed.
 */
final class MigrationRunner {
    private final Dialect dialect;
    private final HistoryTable history;
    private final String installedBy;
    private final int serverMajor;

    MigrationRunner(Dialect dialect, HistoryTable history, String installedBy, int serverMajor) {
        this.dialect = dialect;
        this.history = history;
        this.installedBy = installedBy;
        this.serverMajor = serverMajor;
    }

    List<SqlSplitter.Statement> statements(MigrationFile f) {
        return SqlSplitter.split(f.sql(), dialect.backslashEscapes());
    }

    /** Whether the file can run inside one transaction on this database. */
    boolean transactional(MigrationFile f, List<SqlSplitter.Statement> statements) {
        if (!(dialect instanceof TransactionalDdl ddl) || f.markedNoTransaction()) {
            return false;
        }
        return statements.stream().noneMatch(s -> ddl.cannotRunInTransaction(s.sql(), serverMajor));
    }

    AppliedMigration run(Connection c, MigrationFile f, MigrationKind recordAs) throws SQLException {
        List<SqlSplitter.Statement> statements = statements(f);
        long start = System.nanoTime();
        if (transactional(f, statements)) {
            runInTransaction(c, f, recordAs, statements, start);
            return AppliedMigration.of(f, millisSince(start), true, false);
        }
        runStatementByStatement(c, f, recordAs, statements, start);
        return AppliedMigration.of(f, millisSince(start), false, false);
    }

    private void runInTransaction(Connection c, MigrationFile f, MigrationKind recordAs, List<SqlSplitter.Statement> statements, long start)
            throws SQLException {
        c.setAutoCommit(false);
        SqlSplitter.Statement current = null;
        try (Statement s = c.createStatement()) {
            for (SqlSplitter.Statement st : statements) {
                current = st;
                s.execute(st.sql());
            }
            current = new SqlSplitter.Statement("COMMIT", statements.isEmpty() ? 1 : statements.get(statements.size() - 1).line());
            history.insert(c, HistoryRow.applied(f, recordAs, installedBy, millisSince(start), true));
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw MigrationFailure.of(f, current, e, "rolled back: nothing of " + f.label() + " remains in the database");
        } finally {
            c.setAutoCommit(true);
        }
    }

    private void runStatementByStatement(Connection c, MigrationFile f, MigrationKind recordAs, List<SqlSplitter.Statement> statements, long start)
            throws SQLException {
        int done = 0;
        try (Statement s = c.createStatement()) {
            for (SqlSplitter.Statement st : statements) {
                try {
                    s.execute(st.sql());
                } catch (SQLException e) {
                    history.insert(c, new HistoryRow(0, f.version() == null ? null : f.version().toString(), f.description(), recordAs, f.script(),
                            f.checksum(), Checksums.VERSION, installedBy, java.time.Instant.now(), millisSince(start), false, false,
                            MigrationFailure.where(st)));
                    throw MigrationFailure.of(f, st, e, done == 0
                            ? "nothing of it had run (" + dialect.name() + " runs it statement by statement); recorded as failed: after fixing, run ferry repair"
                            : "its first " + done + " statement(s) committed and could not be rolled back (" + dialect.name()
                                    + " commits each DDL statement); recorded as failed: undo them by hand, then run ferry repair");
                }
                done++;
            }
        }
        history.insert(c, HistoryRow.applied(f, recordAs, installedBy, millisSince(start), false));
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
