package dev.ferry.migrate;

import dev.ferry.spi.SqlSplitter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TransactionControlTest {

    @Test
    void namesWhatOpensAndEndsATransaction() {
        assertThat(TransactionControl.of("BEGIN")).isEqualTo(TransactionControl.Effect.BEGINS);
        assertThat(TransactionControl.of("begin transaction isolation level serializable")).isEqualTo(TransactionControl.Effect.BEGINS);
        assertThat(TransactionControl.of("BEGIN IMMEDIATE")).isEqualTo(TransactionControl.Effect.BEGINS);
        assertThat(TransactionControl.of("START TRANSACTION READ ONLY")).isEqualTo(TransactionControl.Effect.BEGINS);
        assertThat(TransactionControl.of("COMMIT")).isEqualTo(TransactionControl.Effect.COMMITS);
        assertThat(TransactionControl.of("END TRANSACTION")).isEqualTo(TransactionControl.Effect.COMMITS);
        assertThat(TransactionControl.of("COMMIT AND CHAIN")).isEqualTo(TransactionControl.Effect.COMMITS);
        assertThat(TransactionControl.of("ROLLBACK")).isEqualTo(TransactionControl.Effect.ROLLS_BACK);
        assertThat(TransactionControl.of("ABORT")).isEqualTo(TransactionControl.Effect.ROLLS_BACK);
        assertThat(TransactionControl.of("PREPARE TRANSACTION 'x'")).isEqualTo(TransactionControl.Effect.ROLLS_BACK);
    }

    @Test
    void savepointsAndRoutineBodiesAreNotTransactionControl() {
        assertThat(TransactionControl.of("SAVEPOINT a")).isEqualTo(TransactionControl.Effect.NONE);
        assertThat(TransactionControl.of("ROLLBACK TO SAVEPOINT a")).isEqualTo(TransactionControl.Effect.NONE);
        assertThat(TransactionControl.of("ROLLBACK WORK TO a")).isEqualTo(TransactionControl.Effect.NONE);
        assertThat(TransactionControl.of("RELEASE SAVEPOINT a")).isEqualTo(TransactionControl.Effect.NONE);
        assertThat(TransactionControl.of("BEGIN NOT ATOMIC SELECT 1; END")).isEqualTo(TransactionControl.Effect.NONE);
        assertThat(TransactionControl.of("PREPARE stmt AS SELECT 1")).isEqualTo(TransactionControl.Effect.NONE);
        String script = """
                CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;
                DO $$ BEGIN PERFORM 1; END $$;
                CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = 1; END;
                """;
        assertThat(SqlSplitter.split(script, false)).noneMatch(TransactionControl::isControl);
    }

    @Test
    void beginWithTransactionModesBeginsATransaction() {
        for (String sql : new String[] {"BEGIN NOT DEFERRABLE", "begin deferrable", "BEGIN ISOLATION LEVEL SERIALIZABLE", "BEGIN READ WRITE",
                "BEGIN\n  READ ONLY, NOT DEFERRABLE", "START TRANSACTION ISOLATION LEVEL REPEATABLE READ", "BEGIN TRANSACTION NOT DEFERRABLE"}) {
            assertThat(TransactionControl.of(sql)).as(sql).isEqualTo(TransactionControl.Effect.BEGINS);
        }
        assertThat(TransactionControl.of("BEGIN NOT ATOMIC SELECT 1; END")).isEqualTo(TransactionControl.Effect.NONE);
    }

    @Test
    void turningAutocommitOffBeginsATransactionAndOnCommitsIt() {
        for (String sql : new String[] {"SET autocommit = 0", "set autocommit=0", "SET @@autocommit = OFF", "SET SESSION autocommit = 0",
                "SET LOCAL autocommit=off", "SET @@session.autocommit=0", "SET @@SESSION.AUTOCOMMIT =  0", "SET @@local.autocommit = 0"}) {
            assertThat(TransactionControl.of(sql)).as(sql).isEqualTo(TransactionControl.Effect.BEGINS);
        }
        for (String sql : new String[] {"SET autocommit = 1", "set autocommit=ON", "SET @@session.autocommit = 1", "SET SESSION autocommit=on"}) {
            assertThat(TransactionControl.of(sql)).as(sql).isEqualTo(TransactionControl.Effect.COMMITS);
        }
        assertThat(TransactionControl.of("SET autocommit_extra = 0")).isEqualTo(TransactionControl.Effect.NONE);
        assertThat(TransactionControl.of("SET @autocommit = 0")).isEqualTo(TransactionControl.Effect.NONE);
        assertThat(TransactionControl.of("SET names utf8mb4")).isEqualTo(TransactionControl.Effect.NONE);
    }

    /** A comment after the keyword hid a COMMIT: SQLite committed it while Ferry reported a rollback. */
    @Test
    void readsTheWordsPastComments() {
        for (String sql : new String[] {"COMMIT /* first part */", "COMMIT -- x\n", "END /* x */", "COMMIT/*x*/WORK", "END -- a\n TRANSACTION",
                "COMMIT # mysql comment\n"}) {
            assertThat(TransactionControl.of(sql)).as(sql).isEqualTo(TransactionControl.Effect.COMMITS);
        }
        assertThat(TransactionControl.of("BEGIN /* x */ IMMEDIATE")).isEqualTo(TransactionControl.Effect.BEGINS);
        assertThat(TransactionControl.of("START /* x */ TRANSACTION")).isEqualTo(TransactionControl.Effect.BEGINS);
        assertThat(TransactionControl.of("ROLLBACK /* x */ TO a")).isEqualTo(TransactionControl.Effect.NONE);
        assertThat(TransactionControl.of("SET /* x */ autocommit /* y */ = 0 -- z\n")).isEqualTo(TransactionControl.Effect.BEGINS);
        assertThat(TransactionControl.of("BEGIN '/* not a comment */'")).isEqualTo(TransactionControl.Effect.NONE);
    }
}
