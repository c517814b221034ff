package dev.ferry.spi;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqlSplitterTest {

    private static List<String> sql(String script, boolean backslash) {
        return SqlSplitter.split(script, backslash).stream().map(SqlSplitter.Statement::sql).toList();
    }

    @Test
    void splitsAtTopLevelSemicolonsOnly() {
        assertThat(sql("""
                create table a (x text default 'a;b'); -- trailing; comment
                /* block; /* nested; */ still comment */
                insert into "we;ird" values ('it''s; fine');
                create function f() returns int as $$ select 1; $$ language sql;
                do $body$ begin perform 1; end $body$;
                select `x;y` from t
                """, false)).containsExactly(
                "create table a (x text default 'a;b')",
                "insert into \"we;ird\" values ('it''s; fine')",
                "create function f() returns int as $$ select 1; $$ language sql",
                "do $body$ begin perform 1; end $body$",
                "select `x;y` from t");
    }

    @Test
    void knowsTheLineEachStatementStartsOn() {
        List<SqlSplitter.Statement> s = SqlSplitter.split("-- header\n\nselect 1;\n\n  select\n 2;\n", false);
        assertThat(s).extracting(SqlSplitter.Statement::line).containsExactly(3, 5);
    }

    @Test
    void backslashEscapesOnlyWhereTheDatabaseHasThem() {
        assertThat(sql("select 'a\\';b'; select 2", true)).containsExactly("select 'a\\';b'", "select 2");
        assertThat(sql("select 'a\\'; select 2", false)).containsExactly("select 'a\\'", "select 2");
    }

    @Test
    void dollarSignsThatAreNotQuotesAreLeftAlone() {
        assertThat(sql("select $1, a$b$ from t; select 2", false)).containsExactly("select $1, a$b$ from t", "select 2");
    }

    @Test
    void commentsAloneAreNoStatement() {
        assertThat(sql("select 1; -- the end\n/* really */", false)).containsExactly("select 1");
    }

    @Test
    void aTriggerBodyIsOneStatement() {
        assertThat(sql("""
                -- trigger t.tr: missing
                CREATE TRIGGER tr AFTER UPDATE ON t WHEN CASE WHEN new.a THEN 1 END BEGIN
                  UPDATE t SET b = CASE WHEN 1 THEN 2 END; DELETE FROM u;
                END;
                begin; select 1; end;
                """, false)).containsExactly(
                "CREATE TRIGGER tr AFTER UPDATE ON t WHEN CASE WHEN new.a THEN 1 END BEGIN\n"
                        + "  UPDATE t SET b = CASE WHEN 1 THEN 2 END; DELETE FROM u;\nEND",
                "begin", "select 1", "end");
    }

    @Test
    void mySqlCompoundStatementsInATriggerCloseWithTheirOwnEnd() {
        assertThat(sql("""
                CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN
                  IF NEW.a < 0 THEN SET NEW.a = 0; END IF;
                  CASE NEW.b WHEN 1 THEN SET NEW.c = 1; ELSE SET NEW.c = 2; END CASE;
                  WHILE NEW.a > 10 DO SET NEW.a = NEW.a - 1; END WHILE;
                END;
                SELECT 1;
                """, true)).hasSize(2).last().isEqualTo("SELECT 1");
    }

    @Test
    void anEscapeStringKeepsBackslashEscapedQuotesInside() {
        assertThat(sql("select E'back\\\\slash \\' quote; semi'; select 2", false))
                .containsExactly("select E'back\\\\slash \\' quote; semi'", "select 2");
        assertThat(sql("select e'it\\'s; here' as x; select 2", false)).containsExactly("select e'it\\'s; here' as x", "select 2");
    }

    @Test
    void mySqlBackslashEscapesInBothQuoteKinds() {
        assertThat(sql("insert into t values ('a\\';b', \"c\\\";d\"); select 2", true))
                .containsExactly("insert into t values ('a\\';b', \"c\\\";d\")", "select 2");
    }

    @Test
    void aPostgresBeginAtomicBodyIsOneStatement() {
        assertThat(sql("""
                CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN a IS NULL THEN 0 ELSE a END + b;
                  SELECT a + b;
                END;
                CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); END;
                SELECT 1;
                """, false)).containsExactly(
                "CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
                        + "  SELECT CASE WHEN a IS NULL THEN 0 ELSE a END + b;\n  SELECT a + b;\nEND",
                "CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); END",
                "SELECT 1");
    }

    @Test
    void mariaDbRoutinesAndAnonymousBlocksAreOneStatement() {
        List<String> s = sql("""
                CREATE DEFINER=`root`@`localhost` FUNCTION f(x INT) RETURNS INT DETERMINISTIC
                BEGIN
                  DECLARE y INT DEFAULT 0;
                  lbl: LOOP SET y = y + 1; IF y > x THEN LEAVE lbl; END IF; END LOOP lbl;
                  RETURN y;
                END;
                CREATE OR REPLACE PROCEDURE p() BEGIN INSERT INTO t VALUES (1); SELECT 2; END;
                BEGIN NOT ATOMIC DECLARE z INT; SET z = 1; END;
                SELECT 1;
                """, true);
        assertThat(s).hasSize(4);
        assertThat(s.get(0)).startsWith("CREATE DEFINER").endsWith("RETURN y;\nEND");
        assertThat(s.get(1)).endsWith("SELECT 2; END");
        assertThat(s.get(2)).isEqualTo("BEGIN NOT ATOMIC DECLARE z INT; SET z = 1; END");
        assertThat(s.get(3)).isEqualTo("SELECT 1");
    }

    @Test
    void delimiterLinesChangeTheTerminatorAsTheMysqlClientDoes() {
        List<SqlSplitter.Statement> s = SqlSplitter.split("""
                DELIMITER //
                CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END //
                CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1//
                delimiter $$
                CREATE FUNCTION f() RETURNS INT RETURN 1$$
                DELIMITER ;
                SELECT 3;
                """, true);
        assertThat(s).extracting(SqlSplitter.Statement::sql).containsExactly(
                "CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END",
                "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1",
                "CREATE FUNCTION f() RETURNS INT RETURN 1",
                "SELECT 3");
        assertThat(s).extracting(SqlSplitter.Statement::line).containsExactly(2, 3, 5, 7);
    }

    @Test
    void copyFromStdinCarriesItsDataUpToBackslashDot() {
        List<SqlSplitter.Statement> s = SqlSplitter.split("""
                CREATE TABLE t (id int, s text);
                COPY public.t (id, s) FROM stdin;
                1\ta; b
                2\t\\N
                \\.
                SELECT 1;
                """, false);
        assertThat(s).extracting(SqlSplitter.Statement::kind)
                .containsExactly(SqlSplitter.Kind.SQL, SqlSplitter.Kind.COPY_FROM_STDIN, SqlSplitter.Kind.SQL);
        assertThat(s.get(1).sql()).isEqualTo("COPY public.t (id, s) FROM stdin");
        assertThat(s.get(1).data()).isEqualTo("1\ta; b\n2\t\\N\n");
        assertThat(s.get(2).line()).isEqualTo(6);
    }

    @Test
    void psqlMetaCommandsComeBackAsTheirOwnKind() {
        List<SqlSplitter.Statement> s = SqlSplitter.split("""
                \\restrict abc123
                \\connect other
                SELECT 1;
                \\set ON_ERROR_STOP on
                \\unrestrict abc123
                """, false);
        assertThat(s).extracting(SqlSplitter.Statement::kind)
                .containsExactly(SqlSplitter.Kind.META_COMMAND, SqlSplitter.Kind.SQL, SqlSplitter.Kind.META_COMMAND);
        assertThat(s).extracting(SqlSplitter.Statement::sql).containsExactly("\\connect other", "SELECT 1", "\\set ON_ERROR_STOP on");
        assertThat(s).extracting(SqlSplitter.Statement::line).containsExactly(2, 3, 4);
    }

    @Test
    void aStatementStartsAfterItsLeadingCommentsAndMapsAnErrorPositionToItsLine() {
        SqlSplitter.Statement s = SqlSplitter.split("-- one\n-- two\nSELECT 1,\n  nonsense\nFROM t;", false).get(0);
        assertThat(s.sql()).startsWith("SELECT 1,");
        assertThat(s.line()).isEqualTo(3);
        assertThat(s.lineAt(s.sql().indexOf("nonsense") + 1)).isEqualTo(4);
    }
}
