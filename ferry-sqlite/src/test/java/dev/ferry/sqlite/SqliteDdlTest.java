package dev.ferry.sqlite;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteDdlTest {

    @Test
    void findsWhatThePragmasLeaveOut() {
        SqliteDdl ddl = SqliteDdl.parse("""
                CREATE TABLE [t] (
                  "id" integer primary key autoincrement, -- a comment, (unbalanced
                  [code] text collate "nocase" check (length(code) > 0),
                  `n` int default (abs(-1)) constraint n_small check (n < 10),
                  twice int generated always as (n * 2) stored,
                  half int as (n / 2),
                  note text default 'it''s, (not) a check',
                  /* check (x) */ constraint "ck ""t\"\"" check (n <> 3 and note <> ')'),
                  check (coalesce(note, '') != ''),
                  foreign key (n) references other (id) on delete cascade
                ) strict""");
        assertThat(ddl.column("ID").autoincrement()).isTrue();
        assertThat(ddl.column("code").collation()).isEqualTo("NOCASE");
        assertThat(ddl.column("n").collation()).isNull();
        assertThat(ddl.column("twice").generated()).isEqualTo("(n * 2) STORED");
        assertThat(ddl.column("half").generated()).isEqualTo("(n / 2) VIRTUAL");
        assertThat(ddl.column("note").generated()).isNull();
        assertThat(ddl.checks()).containsExactly(
                new SqliteDdl.Check(null, "length(code) > 0"),
                new SqliteDdl.Check("n_small", "n < 10"),
                new SqliteDdl.Check("ck \"t\"", "n <> 3 and note <> ')'"),
                new SqliteDdl.Check(null, "coalesce(note, '') != ''"));
    }

    @Test
    void unquotesEveryQuoteSqliteAccepts() {
        assertThat(SqliteDdl.unquote("\"a\"\"b\"")).isEqualTo("a\"b");
        assertThat(SqliteDdl.unquote("[a b]")).isEqualTo("a b");
        assertThat(SqliteDdl.unquote("`a``b`")).isEqualTo("a`b");
        assertThat(SqliteDdl.unquote("plain")).isEqualTo("plain");
    }
}
