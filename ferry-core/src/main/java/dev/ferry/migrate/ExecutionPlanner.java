package dev.ferry.migrate;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.CopyFromStdin;
import dev.ferry.spi.Dialect;
import dev.ferry.spi.SqlSplitter;
import dev.ferry.spi.TransactionalDdl;

import java.util.List;

/**
 * Decides how each migration file runs, in one place, before anything runs: inside one
 * transaction, or statement by statement with the reason (the {@code -- ferry:no-transaction}
 * marker, a statement that refuses a transaction, a database whose DDL commits implicitly, or a
 * statement that writes to a table whose engine cannot roll back).
 * Refuses what Ferry cannot run honestly: psql meta-commands, COPY data where the dialect has no
 * copy protocol, and a file's own BEGIN/COMMIT unless it is marked to run without Ferry's transaction.
 */
final class ExecutionPlanner {
    static final String NO_TRANSACTION_MARKER = "-- ferry:no-transaction";

    private final Dialect dialect;
    private final int serverMajor;
    private final NonTransactionalWrites nonTransactional;

    ExecutionPlanner(Dialect dialect, int serverMajor, NonTransactionalWrites nonTransactional) {
        this.dialect = dialect;
        this.serverMajor = serverMajor;
        this.nonTransactional = nonTransactional;
    }

    ExecutionPlan plan(MigrationFile f) {
        List<SqlSplitter.Statement> statements = SqlSplitter.split(f.sql(), dialect.backslashEscapes());
        boolean marked = f.markedNoTransaction();
        statements.forEach(st -> refuseUnrunnable(f, st, marked));
        if (marked) {
            refuseUnclosedTransaction(f, statements);
            return new ExecutionPlan(f, statements, false, "it is marked " + NO_TRANSACTION_MARKER);
        }
        for (SqlSplitter.Statement st : statements) {
            String reason = whyNotInTransaction(st);
            if (reason != null) {
                return new ExecutionPlan(f, statements, false, reason);
            }
        }
        // A rollback would leave such a table's changes in place: only a run statement by statement can say truthfully what stays.
        for (SqlSplitter.Statement st : statements) {
            String reason = nonTransactional.whyNotUndone(st.sql());
            if (reason != null) {
                return new ExecutionPlan(f, statements, false, reason + ", and line " + st.line() + " (" + ExecutionPlan.firstWords(st.sql()) + ") names it");
            }
        }
        return new ExecutionPlan(f, statements, true, null);
    }

    private String whyNotInTransaction(SqlSplitter.Statement st) {
        String where = "line " + st.line() + " (" + ExecutionPlan.firstWords(st.sql()) + ")";
        if (dialect instanceof TransactionalDdl ddl) {
            return ddl.cannotRunInTransaction(st.sql(), serverMajor) ? where + " cannot run inside a transaction" : null;
        }
        return dialect.commitsImplicitly(st.sql()) ? dialect.name() + " commits implicitly at DDL such as " + where : null;
    }

    private void refuseUnrunnable(MigrationFile f, SqlSplitter.Statement st, boolean marked) {
        String at = f.label() + " line " + st.line() + ": ";
        if (st.kind() == SqlSplitter.Kind.META_COMMAND) {
            throw new FerryException(ErrorCode.USAGE, at + st.sql() + " is a psql meta-command, not SQL; Ferry sends each statement to the server, "
                    + "which does not know psql's commands", "remove the line from " + f.script()
                    + " (\\connect: migrate that database with its own --url; \\i: make the included file a migration of its own; \\set: write the value into the SQL)");
        }
        if (st.kind() == SqlSplitter.Kind.COPY_FROM_STDIN && dialect.capability(CopyFromStdin.class).isEmpty()) {
            throw new FerryException(ErrorCode.UNSUPPORTED, at + ExecutionPlan.firstWords(st.sql()) + " loads inline rows through PostgreSQL's copy protocol; "
                    + dialect.name() + " cannot run COPY … FROM stdin", "write the rows as INSERT statements in " + f.script() + " (pg_dump --inserts writes them)");
        }
        if (!marked && TransactionControl.isControl(st)) {
            throw new FerryException(ErrorCode.USAGE, at + ExecutionPlan.firstWords(st.sql()) + " is transaction control; Ferry runs each migration inside a "
                    + "transaction of its own, and the file's own would commit or end it halfway, so a failure could not be rolled back as reported",
                    "remove the BEGIN/COMMIT/ROLLBACK (and SET autocommit) lines from " + f.script() + " (Ferry wraps the file in a transaction), or add a line "
                            + NO_TRANSACTION_MARKER + " to run it statement by statement with its own transactions");
        }
    }

    /**
     * A BEGIN (or, on SQLite, a SAVEPOINT outside a transaction) left open at the end would be rolled
     * back when Ferry disconnects, after Ferry had recorded success.
     */
    private void refuseUnclosedTransaction(MigrationFile f, List<SqlSplitter.Statement> statements) {
        SqlSplitter.Statement open = null;
        for (SqlSplitter.Statement st : statements) {
            switch (TransactionControl.of(st, open, dialect.savepointOpensTransaction())) {
                case BEGINS -> open = st;
                case COMMITS, ROLLS_BACK -> open = null;
                default -> { }
            }
        }
        if (open != null) {
            String savepoint = TransactionControl.savepointName(open.sql());
            throw new FerryException(ErrorCode.USAGE, f.label() + " line " + open.line() + ": its " + ExecutionPlan.firstWords(open.sql())
                    + (savepoint == null ? "" : " opens a transaction outside one, and it") + " is never committed; the transaction would be rolled back when Ferry disconnects",
                    "end it with " + (savepoint == null ? "COMMIT" : "RELEASE SAVEPOINT " + savepoint) + " in " + f.script());
        }
    }
}
