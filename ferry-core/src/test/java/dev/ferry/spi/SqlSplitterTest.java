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
                "-- trailing; comment\n/* block; /* nested; */ still comment */\ninsert into \"we;ird\" values ('it''s; fine')",
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
                "-- trigger t.tr: missing\nCREATE TRIGGER tr AFTER UPDATE ON t WHEN CASE WHEN new.a THEN 1 END BEGIN\n"
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
}
