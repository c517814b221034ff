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
}
