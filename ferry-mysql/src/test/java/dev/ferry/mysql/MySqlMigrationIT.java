package dev.ferry.mysql;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.error.FerryException;
import dev.ferry.migrate.MigrateOptions;
import dev.ferry.migrate.MigrateResult;
import dev.ferry.migrate.MigrationState;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import dev.ferry.spi.Dialect;
import dev.ferry.testkit.MigrationContract;
import dev.ferry.testkit.TestMariaDb;

class MySqlMigrationIT extends MigrationContract {

    @Override
    protected Dialect dialect() {
        return new MySqlDialect();
    }

    @Override
    protected DatabaseUrl newDatabase() {
        return DatabaseUrl.parse(TestMariaDb.url(TestMariaDb.createDatabase("migrate")));
    }

    @Override
    protected void runFlyway() {
        org.flywaydb.core.Flyway.configure()
                .dataSource("jdbc:mariadb://" + url.host().orElseThrow() + ":" + url.port().orElse(3306) + "/" + url.database().orElseThrow(),
                        url.user().orElse(null), url.password().orElse(null))
                .locations("filesystem:" + dir).load().migrate();
    }

    @Override
    protected String nonTransactionalStatement() {
        return "CREATE INDEX users_email ON users (email)";
    }

    @Test
    void routinesRunWithAndWithoutDelimiterLines() {
        write("V1__routines.sql", """
                CREATE TABLE t (id INT);
                DELIMITER //
                CREATE PROCEDURE fill() BEGIN INSERT INTO t VALUES (1); INSERT INTO t VALUES (2); END //
                DELIMITER ;
                CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC
                BEGIN
                  DECLARE y INT DEFAULT 0;
                  IF x > 0 THEN SET y = x * 2; END IF;
                  RETURN y;
                END;
                CALL fill();
                INSERT INTO t VALUES (twice(21));
                INSERT INTO t SELECT 100 FROM DUAL WHERE 'it\\'s; fine' = 'it''s; fine';
                """);
        assertThat(migrate().applied()).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(4);
        assertThat(count("SELECT MAX(id) FROM t WHERE id < 100")).isEqualTo(42);
    }

    @Test
    void aPartialFailureSaysMariaDbCommittedTheDdlAndGivesOneHint() {
        write("V1__half.sql", "CREATE TABLE half (id INT);\nINSERT INTO missing VALUES (1);\n");
        FerryException failed = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(failed.exitCode().code()).isEqualTo(4);
        assertThat(failed.getMessage()).contains("failed at line 2", "statement by statement", "commits implicitly", "line 1 (CREATE TABLE half",
                "first 1 statement(s) committed");
        assertThat(failed.hint()).get().asString().contains("ferry repair", "ferry migrate").doesNotContain("migrate again");
        assertThat(states()).containsEntry("1", MigrationState.FAILED);
    }

    @Test
    void copyFromStdinIsRefusedBeforeAnythingRuns() {
        write("V1__copy.sql", "CREATE TABLE a (id INT);\nCOPY a (id) FROM stdin;\n1\n\\.\n");
        FerryException refused = catchThrowableOfType(FerryException.class, () -> migrate(new MigrateOptions(null, true, false, false, Duration.ofSeconds(5))));
        assertThat(refused.exitCode().code()).isEqualTo(2);
        assertThat(refused.getMessage()).contains("V1 (V1__copy.sql) line 2", "COPY", "MySQL/MariaDB");
        assertThat(catchThrowableOfType(FerryException.class, this::migrate).exitCode().code()).isEqualTo(2);
        assertThat(tableExists("a")).isFalse();
    }

    @Test
    void aSyntaxErrorNamesTheFileLineMariaDbPointsAt() {
        write("V1__typo.sql", "-- one\n-- two\n-- three\nCREATE TABLE t (\n  id INT,\n  name VARCHAR(10) NOT NUL\n);\n");
        FerryException failed = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(failed.getMessage()).contains("failed at line 6", "statement at line 4", "NOT NUL").doesNotContain("-- one");
    }

    @Test
    void turningAutocommitOffIsRefusedInAnUnmarkedFile() {
        write("V1__t.sql", "CREATE TABLE t (id INT);\n");
        write("V2__fill.sql", "SET autocommit = 0;\nINSERT INTO t VALUES (1),(2);\n");
        FerryException refused = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(refused).isNotNull();
        assertThat(refused.exitCode().code()).isEqualTo(2);
        assertThat(refused.getMessage()).contains("V2 (V2__fill.sql) line 1", "SET autocommit = 0", "transaction control");
        assertThat(states()).containsEntry("1", MigrationState.PENDING).containsEntry("2", MigrationState.PENDING);
    }

    @Test
    void aMarkedFileThatTurnsAutocommitOffAndCommitsIsRecordedForGood() {
        write("V1__t.sql", "CREATE TABLE t (id INT);\n");
        write("V2__dump.sql", "-- ferry:no-transaction\nset autocommit=0;\nINSERT INTO t VALUES (1),(2);\ncommit;\n");
        assertThat(migrate().applied()).hasSize(2);
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(2);
        assertThat(states()).containsEntry("2", MigrationState.APPLIED);
        assertThat(migrate().applied()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(2);
    }

    @Test
    void aMarkedFileThatLeavesAutocommitOffIsRefused() {
        write("V1__t.sql", "-- ferry:no-transaction\nCREATE TABLE t (id INT);\nSET @@session.autocommit=0;\nINSERT INTO t VALUES (1);\n");
        FerryException refused = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("line 3", "never committed");
        assertThat(tableExists("t")).isFalse();
    }

    @Test
    void setStatementForDdlRunsStatementByStatement() {
        write("V1__t.sql", "CREATE TABLE t (id INT);\n");
        write("V2__alter.sql", "INSERT INTO t VALUES (1);\nSET STATEMENT max_statement_time=60 FOR ALTER TABLE t ADD c INT;\nINSERT INTO missing VALUES (1);\n");
        FerryException failed = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(failed.getMessage()).contains("statement by statement", "commits implicitly", "line 2 (SET STATEMENT", "first 2 statement(s) committed")
                .doesNotContain("nothing of V2");
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(1);
        assertThat(new MySqlDialect().commitsImplicitly("set statement max_statement_time=60 for insert into t values (1)")).isFalse();
        assertThat(new MySqlDialect().commitsImplicitly("SET STATEMENT a='x for y', b=2 FOR\nCREATE INDEX i ON t (id)")).isTrue();
    }

    @Test
    void autocommitTurnedOffThroughAVariableStillLeavesACommittedHistoryRow() {
        write("V1__t.sql", "-- ferry:no-transaction\nCREATE TABLE t (id INT);\nSET @off = 0;\nSET autocommit = @off;\nINSERT INTO t VALUES (1);\nCOMMIT;\n"
                + "INSERT INTO t VALUES (2);\n");
        assertThat(migrate().applied()).hasSize(1);
        assertThat(states()).containsEntry("1", MigrationState.APPLIED);
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(2);
    }

    @Test
    void aFailureAfterTurningAutocommitOffIsRecordedAsFailed() {
        write("V1__t.sql", "CREATE TABLE t (id INT);\n");
        write("V2__fill.sql", "-- ferry:no-transaction\nSET autocommit = 0;\nINSERT INTO t VALUES (1);\nINSERT INTO missing VALUES (1);\nCOMMIT;\n");
        FerryException failed = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(failed.getMessage()).contains("failed at line 4", "rolled back");
        assertThat(states()).containsEntry("2", MigrationState.FAILED);
        assertThat(count("SELECT COUNT(*) FROM t")).isZero();
    }
    @Test
    void aDmlOnlyFileWritingToAMyIsamTableRunsStatementByStatementAndSaysWhatStays() {
        write("V1__tables.sql", "CREATE TABLE myisam_t (id INT) ENGINE=MyISAM;\nCREATE TABLE innodb_t (id INT) ENGINE=InnoDB;\n");
        migrate();
        write("V2__fill.sql", "INSERT INTO myisam_t VALUES (1);\nINSERT INTO missing VALUES (1);\n");
        FerryException failed = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(failed.exitCode().code()).isEqualTo(4);
        assertThat(failed.getMessage()).contains("failed at line 2", "statement by statement", "table `myisam_t` uses MyISAM, which cannot roll back",
                "its first 1 statement(s) committed and stay; recorded as failed").doesNotContain("nothing of V2");
        assertThat(failed.hint()).get().asString().contains("ferry repair", "ferry migrate");
        assertThat(states()).containsEntry("2", MigrationState.FAILED);
        assertThat(count("SELECT COUNT(*) FROM myisam_t")).isEqualTo(1);
    }

    @Test
    void aMyIsamTableCreatedEarlierInTheSameRunIsSeenByTheFilesAfterIt() {
        write("V1__t.sql", "CREATE TABLE `log t` (id INT) ENGINE=MyISAM;\n");
        write("V2__fill.sql", "INSERT INTO `log t` VALUES (1);\nINSERT INTO missing VALUES (1);\n");
        FerryException failed = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(failed.getMessage()).contains("table `log t` uses MyISAM, which cannot roll back", "its first 1 statement(s) committed and stay")
                .doesNotContain("nothing of V2");
        assertThat(states()).containsEntry("1", MigrationState.APPLIED).containsEntry("2", MigrationState.FAILED);
        assertThat(count("SELECT COUNT(*) FROM `log t`")).isEqualTo(1);
    }

    @Test
    void aDmlOnlyFileWritingOnlyToInnoDbTablesStillRollsBackWhole() {
        write("V1__tables.sql", "CREATE TABLE myisam_t (id INT) ENGINE=MyISAM;\nCREATE TABLE innodb_t (id INT) ENGINE=InnoDB;\n");
        migrate();
        write("V2__fill.sql", "INSERT INTO innodb_t VALUES (1);\n-- not myisam_tx nor myisam_t2\nINSERT INTO missing VALUES (1);\n");
        FerryException failed = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(failed.exitCode().code()).isEqualTo(4);
        assertThat(failed.getMessage()).contains("rolled back: nothing of V2 (V2__fill.sql) remains in the database").doesNotContain("statement by statement");
        assertThat(states()).containsEntry("2", MigrationState.PENDING);
        assertThat(count("SELECT COUNT(*) FROM innodb_t")).isZero();
    }

    @Test
    void aDryRunListsAFileWritingToAMyIsamTableAsStatementByStatement() {
        write("V1__tables.sql", "CREATE TABLE myisam_t (id INT) ENGINE=MyISAM;\nCREATE TABLE innodb_t (id INT) ENGINE=InnoDB;\n");
        migrate();
        write("V2__fill.sql", "INSERT INTO innodb_t VALUES (1);\nUPDATE MYISAM_T SET id = 2;\n");
        write("V3__safe.sql", "INSERT INTO innodb_t VALUES (3);\n");
        MigrateResult dry = migrate(new MigrateOptions(null, true, false, false, Duration.ofSeconds(5)));
        assertThat(dry.warnings()).singleElement().asString().contains("V2 (V2__fill.sql) will run statement by statement because",
                "table `myisam_t` uses MyISAM, which cannot roll back");
        assertThat(count("SELECT COUNT(*) FROM innodb_t")).isZero();
    }
    @Test
    void theTablesThatCannotRollBackAreThoseOfAnEngineWithoutTransactions() throws Exception {
        execute("CREATE TABLE m (id INT) ENGINE=MyISAM");
        execute("CREATE TABLE a (id INT) ENGINE=Aria");
        execute("CREATE TABLE h (id INT) ENGINE=MEMORY");
        execute("CREATE TABLE i (id INT) ENGINE=InnoDB");
        execute("CREATE VIEW v AS SELECT id FROM m");
        try (java.sql.Connection c = database.connect()) {
            assertThat(new MySqlDialect().nonTransactionalTables(c))
                    .containsExactly(java.util.Map.entry("a", "Aria"), java.util.Map.entry("h", "MEMORY"), java.util.Map.entry("m", "MyISAM"),
                            java.util.Map.entry("v", "is a view of MyISAM table `m`"));
        }
    }

    /** With autocommit already on, SET autocommit = 1 leaves START TRANSACTION open: V2 was reported applied and vanished at disconnect. */
    @Test
    void setAutocommitOneDoesNotEndAStartTransaction() {
        write("V1__k.sql", "CREATE TABLE k (id INT);\n");
        write("V2__load.sql", "-- ferry:no-transaction\nSTART TRANSACTION;\nINSERT INTO k VALUES (1);\nINSERT INTO k VALUES (2);\nSET autocommit = 1;\n");
        FerryException refused = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(refused).isNotNull();
        assertThat(refused.exitCode().code()).as(refused.getMessage()).isEqualTo(2);
        assertThat(refused.getMessage()).contains("V2 (V2__load.sql) line 2", "START TRANSACTION", "never committed");
        assertThat(states()).containsEntry("2", MigrationState.PENDING);
    }

    /** A transaction the planner cannot see (opened inside a procedure) is not allowed to swallow the history row. */
    @Test
    void aTransactionLeftOpenWhereThePlannerCannotSeeItIsNotRecordedAsApplied() {
        write("V1__k.sql", "CREATE TABLE k (id INT);\n");
        migrate();
        execute("CREATE PROCEDURE open_tx() BEGIN START TRANSACTION; INSERT INTO k VALUES (1); END");
        write("V2__call.sql", "CALL open_tx();\n");
        FerryException failed = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(failed).as("V2 reported applied").isNotNull();
        assertThat(failed.exitCode().code()).as(failed.getMessage()).isEqualTo(4);
        assertThat(failed.getMessage()).contains("V2 (V2__call.sql)", "left a transaction open", "rolled back");
        assertThat(count("SELECT COUNT(*) FROM k")).isZero();
        assertThat(states()).containsEntry("2", MigrationState.FAILED);
    }

    /** The insert into InnoDB `orders` fired a trigger writing to MyISAM `order_log`: V2 was reported "rolled back: nothing of V2 remains" while 2 log rows stayed. */
    @Test
    void aTableWhoseTriggerWritesToAMyIsamTableRunsStatementByStatement() {
        write("V1__orders.sql", "CREATE TABLE orders (id INT PRIMARY KEY) ENGINE=InnoDB;\nCREATE TABLE order_log (id INT) ENGINE=MyISAM;\n"
                + "CREATE TRIGGER orders_ai AFTER INSERT ON orders FOR EACH ROW INSERT INTO order_log VALUES (NEW.id);\n"
                + "CREATE VIEW log_view AS SELECT id FROM order_log;\n");
        migrate();
        write("V2__fill.sql", "INSERT INTO orders VALUES (1);\nINSERT INTO orders VALUES (2);\nINSERT INTO orders VALUES (1);\n");
        FerryException failed = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(failed.exitCode().code()).isEqualTo(4);
        assertThat(failed.getMessage()).contains("failed at line 3", "statement by statement",
                "`orders` is InnoDB, but its trigger `orders_ai` writes to MyISAM table `order_log`, which cannot roll back",
                "its first 2 statement(s) committed and stay").doesNotContain("nothing of V2");
        assertThat(states()).containsEntry("2", MigrationState.FAILED);
        assertThat(count("SELECT COUNT(*) FROM order_log")).isEqualTo(2);
        execute("DELETE FROM ferry_history WHERE version = '2'");
        write("V2__fill.sql", "INSERT INTO log_view VALUES (3);\nINSERT INTO missing VALUES (1);\n");
        failed = catchThrowableOfType(FerryException.class, this::migrate);
        assertThat(failed.getMessage()).contains("`log_view` is a view of MyISAM table `order_log`, which cannot roll back").doesNotContain("nothing of V2");
        assertThat(count("SELECT COUNT(*) FROM order_log")).isEqualTo(3);
    }
}
