package dev.ferry.migrate;

import dev.ferry.spi.Autocommit;
import dev.ferry.spi.Dialect;
import dev.ferry.spi.SqlSplitter;
import dev.ferry.spi.TransactionalDdl;

/**
 * What a statement-by-statement run has committed so far, following the file's own transactions:
 * a statement after its BEGIN is committed only by its COMMIT (or, on MySQL, by a DDL statement
 * that commits implicitly), so a failure can say truthfully what stays and what was rolled back.
 */
final class CommitCount {
    private final Dialect dialect;
    private int committed;
    private int pending;
    private SqlSplitter.Statement openedBy;

    CommitCount(Dialect dialect) {
        this.dialect = dialect;
    }

    void ran(SqlSplitter.Statement st) {
        TransactionControl.Effect effect = TransactionControl.of(st, openedBy, dialect.savepointOpensTransaction());
        switch (effect) {
            case BEGINS -> {
                committed += pending; // a BEGIN inside a transaction commits it on MySQL; PostgreSQL only warns, and nothing is pending there then
                pending = 0;
                openedBy = st;
            }
            case COMMITS -> close(true);
            case ROLLS_BACK -> close(false);
            default -> {
                if (openedBy == null) {
                    committed++;
                } else if (!(dialect instanceof TransactionalDdl) && dialect.commitsImplicitly(st.sql())
                        && !Boolean.TRUE.equals(Autocommit.literal(TransactionControl.withoutComments(st.sql())))) { // SET autocommit = 1 after START TRANSACTION: a no-op
                    pending++;
                    close(true);
                } else {
                    pending++;
                }
            }
        }
    }

    private void close(boolean commit) {
        committed += commit ? pending : 0;
        pending = 0;
        openedBy = null;
    }

    int committed() {
        return committed;
    }

    /** Statements of the file's own open transaction that a rollback now undoes. */
    int pending() {
        return pending;
    }

    /** The BEGIN of the file's own transaction that is still open, or null. */
    SqlSplitter.Statement openedBy() {
        return openedBy;
    }
}
