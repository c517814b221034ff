package dev.ferry.migrate;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.fault.FaultPoints;
import dev.ferry.spi.CopyFromStdin;
import dev.ferry.spi.Dialect;
import dev.ferry.spi.NonTransactionalTables;
import dev.ferry.spi.SqlSplitter;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs one migration file and records it, as its {@link ExecutionPlan} says. Inside one
 * transaction with its history row in the same transaction, so the row exists exactly when the
 * commit succeeded (a deferred constraint that fails at commit leaves neither). Otherwise
 * statement by statement, and a failure is recorded with the statement that failed and what
 * had committed before it.
 */
final class MigrationRunner {
    private final Dialect dialect;
    private final HistoryTable history;
    private final String installedBy;
    private final int serverMajor;
    private ExecutionPlanner planner;
    /** Whether a file that ran statement by statement (on MySQL: one with DDL) may have created or altered a table that cannot roll back. */
    private boolean enginesMayHaveChanged;

    /** Plans against the session's tables that cannot roll back, read now, once (none where the dialect's tables all can). */
    MigrationRunner(Connection c, Dialect dialect, HistoryTable history, String installedBy, int serverMajor) throws SQLException {
        this.dialect = dialect;
        this.history = history;
        this.installedBy = installedBy;
        this.serverMajor = serverMajor;
        this.planner = new ExecutionPlanner(dialect, serverMajor, NonTransactionalWrites.read(dialect, c));
    }

    ExecutionPlan plan(MigrationFile f) {
        return planner.plan(f);
    }

    AppliedMigration run(Connection c, MigrationFile f, MigrationKind recordAs) throws SQLException {
        return run(c, plan(f), recordAs);
    }

    AppliedMigration run(Connection c, ExecutionPlan planned, MigrationKind recordAs) throws SQLException {
        ExecutionPlan plan = current(c, planned);
        enginesMayHaveChanged |= !plan.transactional();
        long start = System.nanoTime();
        if (plan.transactional()) {
            runInTransaction(c, plan, recordAs, start);
        } else {
            runStatementByStatement(c, plan, recordAs, start);
        }
        return AppliedMigration.of(plan.file(), millisSince(start), plan.transactional(), false);
    }

    /**
     * The plan again against the tables as they are now, when an earlier file of this run may have
     * created a MyISAM table (or altered one to MyISAM) that this file writes to. Only a transactional
     * plan can change: on MySQL a file that changes tables holds DDL and runs statement by statement anyway.
     */
    private ExecutionPlan current(Connection c, ExecutionPlan planned) throws SQLException {
        if (!planned.transactional() || !enginesMayHaveChanged || dialect.capability(NonTransactionalTables.class).isEmpty()) {
            return planned;
        }
        planner = new ExecutionPlanner(dialect, serverMajor, NonTransactionalWrites.read(dialect, c));
        enginesMayHaveChanged = false;
        return planner.plan(planned.file());
    }

    /** Runs one statement: SQL as it is, a COPY with its inline rows through the dialect's copy protocol. */
    void execute(Connection c, Statement s, SqlSplitter.Statement st) throws SQLException {
        if (st.kind() == SqlSplitter.Kind.COPY_FROM_STDIN) {
            dialect.require(CopyFromStdin.class, "run COPY … FROM stdin").copyFromStdin(c, st.sql(), st.data());
        } else {
            s.execute(st.sql());
        }
    }

    private void runInTransaction(Connection c, ExecutionPlan plan, MigrationKind recordAs, long start) throws SQLException {
        MigrationFile f = plan.file();
        c.setAutoCommit(false);
        SqlSplitter.Statement current = null;
        try (Statement s = c.createStatement()) {
            for (SqlSplitter.Statement st : plan.statements()) {
                current = st;
                execute(c, s, st);
            }
            current = new SqlSplitter.Statement("COMMIT", plan.statements().isEmpty() ? 1 : plan.statements().get(plan.statements().size() - 1).line());
            history.insert(c, HistoryRow.applied(f, recordAs, installedBy, millisSince(start), true));
            c.commit();
        } catch (SQLException e) {
            endTransaction(c, c::rollback);
            throw MigrationFailure.of(f, current, e, dialect, "rolled back: nothing of " + f.label() + " remains in the database",
                    "fix " + f.script() + " and run " + command(recordAs) + " again");
        } finally {
            endTransaction(c, () -> c.setAutoCommit(true));
        }
    }

    /**
     * Ends the transaction, unless the database already did so and undid it (SQLite's INSERT OR ROLLBACK,
     * RAISE(ROLLBACK)). Taking "no transaction is active" as that rollback is safe only because nothing
     * else in a file run inside Ferry's transaction can have ended it: the planner refuses every COMMIT,
     * END, ROLLBACK and BEGIN of a file without the no-transaction marker, comments between its words
     * included ({@link TransactionControl#withoutComments}), so the only way left to lose the transaction
     * is the database's own rollback.
     */
    private void endTransaction(Connection c, SqlAction end) throws SQLException {
        try {
            end.run();
        } catch (SQLException e) {
            if (!dialect.transactionAlreadyEnded(e)) {
                throw e;
            }
        }
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    /**
     * Statement by statement, what ran stays whatever happens next, so the history row is written
     * first, as "did not finish", and moved on after each statement: a run killed half-way leaves
     * a failed row saying how far it got, and the next migrate refuses to run the file again over
     * what it did, instead of finding no row and starting it afresh.
     */
    private void runStatementByStatement(Connection c, ExecutionPlan plan, MigrationKind recordAs, long start) throws SQLException {
        MigrationFile f = plan.file();
        CommitCount count = new CommitCount(dialect);
        int rank = history.insert(c, failedRow(f, recordAs, 0, unfinished(null)));
        try (Statement s = c.createStatement()) {
            for (SqlSplitter.Statement st : plan.statements()) {
                try {
                    execute(c, s, st);
                } catch (SQLException e) {
                    String rolledBack = rollBackOwnTransaction(s, count);
                    autocommitAgain(c);
                    history.outcome(c, rank, false, millisSince(start), MigrationFailure.where(st));
                    throw MigrationFailure.statementByStatement(f, st, e, dialect, plan.whyStatementByStatement(), count.committed(), rolledBack,
                            command(recordAs));
                }
                count.ran(st);
                if (count.openedBy() == null) {
                    history.outcome(c, rank, false, millisSince(start), unfinished(st));
                }
                FaultPoints.reach("migrate.between-statements");
            }
        }
        autocommitAgain(c);
        refuseOpenTransaction(c, plan, recordAs, start, rank);
        history.outcome(c, rank, true, millisSince(start), null);
    }

    /** What the row of a file running statement by statement says until it finishes. */
    private static String unfinished(SqlSplitter.Statement last) {
        return "did not finish: ran statement by statement and stopped (killed, or its connection lost) "
                + (last == null ? "before its first statement committed" : "after line " + last.line() + " had committed ("
                + ExecutionPlan.firstWords(last.sql()) + "); the statement after it may have committed too");
    }

    /**
     * A transaction still open once the file has run (on MySQL a procedure's START TRANSACTION, which
     * the planner cannot see) would take the history row with it at disconnect: Ferry would have
     * reported success for a file whose last part vanished. It is rolled back and the file recorded as failed.
     */
    private void refuseOpenTransaction(Connection c, ExecutionPlan plan, MigrationKind recordAs, long start, int rank) throws SQLException {
        if (!dialect.transactionOpen(c)) {
            return;
        }
        MigrationFile f = plan.file();
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        }
        SqlSplitter.Statement last = plan.statements().isEmpty() ? new SqlSplitter.Statement("", 1) : plan.statements().get(plan.statements().size() - 1);
        history.outcome(c, rank, false, millisSince(start), MigrationFailure.where(last));
        throw new FerryException(ErrorCode.STEP_FAILED, f.label() + " (" + f.script() + ") left a transaction open after its last statement (one it opened "
                + "where Ferry cannot see it, e.g. inside a procedure it calls): what ran inside that transaction would have been rolled back "
                + "when Ferry disconnected, so Ferry rolled it back now; what ran before it committed and stays; recorded as failed",
                "end the transaction with COMMIT in " + f.script() + " (or in the procedure), then run ferry repair (it clears the failed entry) and " + command(recordAs));
    }

    /**
     * A file run statement by statement may have turned the session's autocommit off (MySQL's
     * {@code SET autocommit = @x}, which the planner cannot read). The history row written next would
     * then sit in an open transaction and vanish at disconnect; turning autocommit back on commits what
     * the file left (as the session would have at its own next COMMIT) and the row with it.
     */
    private static void autocommitAgain(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.setAutoCommit(true);
        }
    }

    /** Ends the file's own transaction that the failure left open, and says what that undid; null when none was open. */
    private static String rollBackOwnTransaction(Statement s, CommitCount count) throws SQLException {
        if (count.openedBy() == null) {
            return null;
        }
        s.execute("ROLLBACK");
        return count.pending() + " statement(s) after its own " + ExecutionPlan.firstWords(count.openedBy().sql()) + " at line "
                + count.openedBy().line() + " were rolled back";
    }

    private HistoryRow failedRow(MigrationFile f, MigrationKind recordAs, long ms, String where) {
        return new HistoryRow(0, f.version() == null ? null : f.version().toString(), f.description(), recordAs, f.script(), f.checksum(),
                Checksums.VERSION, installedBy, java.time.Instant.now(), ms, false, false, where);
    }

    private static String command(MigrationKind recordAs) {
        return recordAs == MigrationKind.UNDO ? "ferry undo" : "ferry migrate";
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
