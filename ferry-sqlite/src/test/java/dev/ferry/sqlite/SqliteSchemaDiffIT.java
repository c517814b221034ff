package dev.ferry.sqlite;

import dev.ferry.connect.HistoryConfig;
import dev.ferry.schema.DiffResult;
import dev.ferry.schema.DiffService;
import dev.ferry.schema.SchemaChange;
import dev.ferry.schema.model.Table;
import dev.ferry.spi.Dialects;
import dev.ferry.testkit.Chinook;
import dev.ferry.testkit.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Diff of Chinook against a mutated copy on SQLite: most changes rebuild a table, and the rebuilt
 * tables keep their rows, even with foreign keys enforced on the connection that runs the script.
 */
class SqliteSchemaDiffIT {
    @TempDir
    Path dir;

    private final DiffService diffs = new DiffService(Dialects.load(), Path.of(""), null, HistoryConfig.DEFAULT);

    @Test
    void theRepairScriptTurnsTheMutatedCopyBackIntoTheOriginal() throws Exception {
        Path a = copy("a");
        Path b = copy("b");
        String from = "sqlite:" + b;
        String to = "sqlite:" + a;
        assertThat(diffs.diff(from, to, null).changes()).as("copies start equal").isEmpty();
        assertThat(diffs.diff(to, from, null).changes()).as("both ways").isEmpty();

        execute(b, "ALTER TABLE Customer DROP COLUMN Fax", "DROP INDEX IFK_PlaylistTrackPlaylistId",
                "CREATE TABLE stray (id int primary key)", "CREATE INDEX ix_album_title ON Album (Title)");
        // what ALTER TABLE cannot do, done the documented way for changes that keep the stored rows valid
        rewrite(b, "Invoice", sql -> sql.replaceFirst("\\[Total\\] NUMERIC\\(10,2\\)\\s+NOT NULL", "[Total] NUMERIC(10,2) NOT NULL DEFAULT 0"));
        rewrite(b, "Track", sql -> sql.replaceFirst(",\\s*FOREIGN KEY \\(\\[GenreId\\]\\)[^,]*NO ACTION ON UPDATE NO ACTION", ""));
        rewrite(b, "Artist", sql -> sql.replace("[Name] NVARCHAR(120)", "[Name] NVARCHAR(200)"));
        rewrite(b, "Genre", sql -> sql.replace("[Name] NVARCHAR(120)", "[Name] NVARCHAR(120) NOT NULL"));

        DiffResult diff = diffs.diff(from, to, null);
        assertThat(diff.changes()).extracting(ch -> ch.object() + ": " + ch.summary()).containsExactlyInAnyOrder(
                "column Customer.Fax: missing",
                "index IFK_PlaylistTrackPlaylistId: missing",
                "table Invoice: rebuilt: Total default differs",
                "table Track: rebuilt: constraints differ",
                "table Artist: rebuilt: Name type NVARCHAR(200) -> NVARCHAR(120)",
                "table Genre: rebuilt: Name allows NULL in the target",
                "table stray: not in the target",
                "index ix_album_title: not in the target");
        assertThat(diff.changes()).filteredOn(SchemaChange::destructive).extracting(SchemaChange::object)
                .containsExactlyInAnyOrder("table Artist", "table stray");
        assertThat(diff.script(false)).contains("-- DESTRUCTIVE, left out", "-- DROP TABLE \"stray\";",
                "PRAGMA foreign_keys = OFF;", "ALTER TABLE \"Customer\" ADD COLUMN \"Fax\" NVARCHAR(24);",
                "FOREIGN KEY (\"GenreId\") REFERENCES \"Genre\" (\"GenreId\")",
                "INSERT OR IGNORE INTO \"ferry_new_Track\" (\"TrackId\", \"Name\", \"AlbumId\", \"MediaTypeId\", \"GenreId\", \"Composer\","
                        + " \"Milliseconds\", \"Bytes\", \"UnitPrice\") SELECT");

        apply(b, diff.script(true));
        assertThat(diffs.diff(from, to, null).changes()).as("after the script").isEmpty();
        assertThat(diffs.diff(to, from, null).changes()).as("and the other way round").isEmpty();
        assertThat(counts(b)).isEqualTo(new TreeMap<>(Chinook.COUNTS));
        assertThat(violations(b)).as("foreign_key_check").isZero();
    }

    /** New tables declare their foreign keys in CREATE TABLE, whichever table comes first. */
    @Test
    void theScriptBuildsChinookInAnEmptyDatabase() throws Exception {
        Path a = copy("full");
        Path empty = dir.resolve("empty.sqlite");
        DriverManager.getConnection("jdbc:sqlite:" + empty).close();
        DiffResult diff = diffs.diff("sqlite:" + empty, "sqlite:" + a, null);
        assertThat(diff.changes()).filteredOn(SchemaChange::destructive).isEmpty();
        apply(empty, diff.script(false));
        assertThat(diffs.diff("sqlite:" + empty, "sqlite:" + a, null).changes()).isEmpty();
        assertThat(diffs.diff("sqlite:" + a, "sqlite:" + empty, null).changes()).isEmpty();
    }

    /**
     * What the pragmas do not show (checks, collations, generated columns, AUTOINCREMENT,
     * expression defaults, partial indexes, triggers) reads the same from the same DDL and survives
     * a rebuild. A rebuild that loses a column is destructive and left out unless allowed, and with
     * foreign keys on, rebuilding a parent does not cascade into its children.
     */
    @Test
    void rebuildsKeepWhatThePragmasDoNotShowAndFlagLostColumns() throws Exception {
        String parent = "CREATE TABLE parent (id INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT COLLATE nocase UNIQUE,"
                + " created TEXT DEFAULT (datetime('now')), n INT DEFAULT -1 CHECK (n < 100), twice INT GENERATED ALWAYS AS (n * 2) STORED,"
                + " half INT AS (n / 2)%s, CONSTRAINT ck_code CHECK (length(code) < 20), UNIQUE (n, code))";
        String child = "CREATE TABLE child (id INT, parent_id INT%s, note TEXT, PRIMARY KEY (id))";
        String[] rest = {"CREATE INDEX ix_child_note ON child (note) WHERE note IS NOT NULL",
                "CREATE TRIGGER child_touch AFTER UPDATE ON child BEGIN UPDATE child SET note = note WHERE id = new.id AND 0; END",
                "INSERT INTO parent (code, n) VALUES ('a', 1), ('b', 2)", "INSERT INTO child VALUES (1, 1, 'x'), (2, 2, NULL)"};
        Path a = dir.resolve("qa.sqlite");
        Path b = dir.resolve("qb.sqlite");
        execute(a, String.format(parent, ""), String.format(child, " REFERENCES parent ON DELETE CASCADE"));
        execute(a, rest);
        execute(b, String.format(parent, ""), String.format(child, " REFERENCES parent ON DELETE CASCADE"));
        execute(b, rest);
        assertThat(diffs.diff("sqlite:" + b, "sqlite:" + a, null).changes()).as("same DDL, same model").isEmpty();

        Files.delete(b);
        execute(b, String.format(parent, ", extra TEXT").replace("DEFAULT -1", "DEFAULT 0"), String.format(child, ""));
        execute(b, rest);
        DiffResult diff = diffs.diff("sqlite:" + b, "sqlite:" + a, null);
        assertThat(diff.changes()).extracting(ch -> ch.object() + ": " + ch.summary()).containsExactlyInAnyOrder(
                "table parent: rebuilt: n default differs, extra not in the target",
                "table child: rebuilt: constraints differ");
        assertThat(diff.changes()).filteredOn(SchemaChange::destructive).extracting(SchemaChange::object).containsExactly("table parent");
        assertThat(diff.script(false)).contains("-- DROP TABLE \"ferry_old_parent\";", "-- CREATE TABLE \"ferry_new_parent\"");

        apply(b, diff.script(false));
        assertThat(diffs.diff("sqlite:" + b, "sqlite:" + a, null).changes()).extracting(SchemaChange::object).containsExactly("table parent");
        apply(b, diff.script(true));
        assertThat(diffs.diff("sqlite:" + b, "sqlite:" + a, null).changes()).isEmpty();
        assertThat(diffs.diff("sqlite:" + a, "sqlite:" + b, null).changes()).isEmpty();
        try (Connection c = connect(b); Statement s = c.createStatement()) {
            assertThat(Sql.scalar(s, "SELECT count(*) FROM child")).as("no cascade from the dropped parent").isEqualTo(2);
            assertThat(Sql.scalar(s, "SELECT sum(twice) FROM parent")).isEqualTo(6);
            s.execute("INSERT INTO parent (code) VALUES ('c')");
            assertThat(Sql.scalar(s, "SELECT max(id) FROM parent")).as("AUTOINCREMENT goes on").isEqualTo(3);
        }
    }

    /**
     * Issue 9, item 4: a rebuild whose target rows already violate (NULL into a new NOT NULL) is
     * destructive, and applied with the sqlite3 shell, which goes on after an error, no script
     * leaves the table emptier than the change requires: without --allow-destructive the rows all
     * stay, with it only the violating ones go and the script says how many. A NULL where the
     * target has NOT NULL with a default gets the default instead.
     */
    @Test
    void aRebuildThatExistingRowsViolateNeverEmptiesTheTableInTheSqliteShell() throws Exception {
        Path a = dir.resolve("ta.sqlite");
        Path b = dir.resolve("tb.sqlite");
        execute(a, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, qty INT NOT NULL DEFAULT 0)");
        execute(b, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, qty INT)",
                "INSERT INTO t VALUES (1, 'a', 1), (2, NULL, 2), (3, 'c', NULL)");
        DiffResult diff = diffs.diff("sqlite:" + b, "sqlite:" + a, null);
        sqliteShell(b, diff.script(false));
        assertThat(rows(b, "SELECT id || ':' || coalesce(name, '-') || ':' || coalesce(qty, '-') FROM t ORDER BY id"))
                .as("left out, every row kept").isEqualTo("1:a:1,2:-:2,3:c:-");
        assertThat(diff.changes()).extracting(ch -> ch.object() + ": " + ch.summary()).containsExactly(
                "table t: rebuilt: name NOT NULL in the target, qty default differs, NOT NULL in the target (a NULL gets the default);"
                        + " 1 of 3 rows violates the target's constraints and is left out");
        assertThat(diff.changes()).filteredOn(SchemaChange::destructive).hasSize(1);

        sqliteShell(b, diff.script(true));
        assertThat(rows(b, "SELECT id || ':' || name || ':' || qty FROM t ORDER BY id")).as("only the violating row goes").isEqualTo("1:a:1,3:c:0");
        assertThat(diffs.diff("sqlite:" + b, "sqlite:" + a, null).changes()).isEmpty();
    }

    /** A tightening no row violates is not destructive: the script keeps every row without --allow-destructive. */
    @Test
    void aTighteningNoRowViolatesIsApplied() throws Exception {
        Path a = dir.resolve("ua.sqlite");
        Path b = dir.resolve("ub.sqlite");
        execute(a, "CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, CHECK (length(code) < 5))");
        execute(b, "CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT)", "INSERT INTO t VALUES (1, 'a'), (2, 'b')");
        DiffResult diff = diffs.diff("sqlite:" + b, "sqlite:" + a, null);
        sqliteShell(b, diff.script(false));
        assertThat(rows(b, "SELECT group_concat(code) FROM t")).isEqualTo("a,b");
        assertThat(diff.changes()).extracting(SchemaChange::summary).singleElement().asString()
                .endsWith("; no row violates the target's constraints");
        assertThat(diff.changes()).filteredOn(SchemaChange::destructive).isEmpty();
        assertThat(diffs.diff("sqlite:" + b, "sqlite:" + a, null).changes()).isEmpty();
    }

    /**
     * Issue 9, item 4: when the copy fails as a whole, as when the sqlite3 shell lacks a collation
     * the application registers, the old table is not dropped: its rows stay in ferry_old_t, and
     * the table's children are left alone.
     */
    @Test
    void aFailedCopyNeverDropsTheOldRows() throws Exception {
        Path a = dir.resolve("wa.sqlite");
        Path b = dir.resolve("wb.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + a); Statement s = c.createStatement()) {
            org.sqlite.Collation.create(c, "app_order", new org.sqlite.Collation() {
                @Override
                protected int xCompare(String x, String y) {
                    return x.compareTo(y);
                }
            });
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT COLLATE app_order)");
            s.execute("CREATE TABLE child (id INTEGER PRIMARY KEY, t_id INT REFERENCES t ON DELETE CASCADE)");
        }
        execute(b, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)",
                "CREATE TABLE child (id INTEGER PRIMARY KEY, t_id INT REFERENCES t ON DELETE CASCADE)",
                "INSERT INTO t VALUES (1, 'a'), (2, 'b')", "INSERT INTO child VALUES (1, 1), (2, 2)");
        DiffResult diff = diffs.diff("sqlite:" + b, "sqlite:" + a, null);
        assertThat(diff.changes()).extracting(SchemaChange::object).containsExactly("table t");

        String output = sqliteShellFailing(b, diff.script(true));
        assertThat(output).contains("no such collation sequence: APP_ORDER", "FOREIGN KEY constraint failed");
        assertThat(rows(b, "SELECT group_concat(name) FROM ferry_old_t")).as("the rows kept aside").isEqualTo("a,b");
        assertThat(rows(b, "SELECT count(*) FROM child")).as("no cascade").isEqualTo("2");
    }

    /**
     * A row the copy cannot take, written between the diff and the run (the diff counted none),
     * keeps the old table: the copy came up short of what the diff accepted, so nothing is dropped.
     */
    @Test
    void aRowWrittenAfterTheDiffThatTheCopyCannotTakeKeepsTheOldTable() throws Exception {
        Path a = dir.resolve("xa.sqlite");
        Path b = dir.resolve("xb.sqlite");
        execute(a, "CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT NOT NULL)");
        execute(b, "CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT)", "INSERT INTO t VALUES (1, 'a'), (2, 'b')");
        DiffResult diff = diffs.diff("sqlite:" + b, "sqlite:" + a, null);
        assertThat(diff.changes()).filteredOn(SchemaChange::destructive).isEmpty();
        execute(b, "INSERT INTO t VALUES (3, NULL)");

        String output = sqliteShellFailing(b, diff.script(false));
        assertThat(output).contains("FOREIGN KEY constraint failed");
        assertThat(rows(b, "SELECT group_concat(id) FROM (SELECT id FROM ferry_old_t ORDER BY id)")).as("every row kept aside").isEqualTo("1,2,3");
    }

    /** A column named rowid hides the rowid the guard marks a row by: the guard then uses oid, and still holds. */
    @Test
    void theGuardHoldsWhenAColumnIsNamedRowid() throws Exception {
        Path a = dir.resolve("ra.sqlite");
        Path b = dir.resolve("rb.sqlite");
        execute(a, "CREATE TABLE t (rowid TEXT, v TEXT, CHECK (v <> 'bad'))");
        execute(b, "CREATE TABLE t (rowid TEXT, v TEXT)", "INSERT INTO t VALUES ('a', 'ok'), ('a', 'ok')"); // the column's value marks both
        DiffResult diff = diffs.diff("sqlite:" + b, "sqlite:" + a, null);
        assertThat(diff.changes()).filteredOn(SchemaChange::destructive).isEmpty();
        execute(b, "INSERT INTO t VALUES ('c', 'bad')"); // written after the diff: the copy leaves it out

        String output = sqliteShellFailing(b, diff.script(false));
        assertThat(output).contains("FOREIGN KEY constraint failed");
        assertThat(rows(b, "SELECT group_concat(rowid) FROM (SELECT rowid FROM ferry_old_t ORDER BY rowid)")).as("every row kept aside").isEqualTo("a,a,c");
    }

    /**
     * SQLite ignores PRAGMA foreign_keys inside a transaction, so there the guard cannot stop the
     * DROP: a short copy must fail the script itself. As a migration, Ferry reports the step
     * failed and rolled back; in the sqlite3 shell inside BEGIN … COMMIT, the transaction is
     * rolled back. Either way every row stays in t.
     */
    @Test
    void aShortCopyInsideATransactionFailsAndRollsBackInsteadOfDroppingRows() throws Exception {
        Path a = dir.resolve("ya.sqlite");
        Path b = dir.resolve("yb.sqlite");
        execute(a, "CREATE TABLE t (id TEXT, v TEXT, CHECK (v <> 'bad'))");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__t.sql"), "CREATE TABLE t (id TEXT, v TEXT);\nINSERT INTO t VALUES ('a', 'ok');\n");
        org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + b);
        dev.ferry.Ferry.configure().dataSource(ds).locations(migrations.toString()).load().migrate();
        DiffResult diff = diffs.diff("sqlite:" + b, "sqlite:" + a, null);
        assertThat(diff.changes()).filteredOn(SchemaChange::destructive).isEmpty();
        execute(b, "INSERT INTO t VALUES ('b', 'bad')"); // written after the diff: the copy leaves it out

        Files.writeString(migrations.resolve("V2__rebuild_t.sql"), diff.script(false));
        dev.ferry.error.FerryException failed = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> dev.ferry.Ferry.configure().dataSource(ds).locations(migrations.toString()).load().migrate(),
                dev.ferry.error.FerryException.class);
        assertThat(failed).as("the migration must fail, not report success").isNotNull();
        assertThat(failed.exitCode().code()).as(failed.getMessage()).isEqualTo(4);
        assertThat(failed.getMessage()).contains("the copy of t came up short", "rolled back");
        assertThat(rows(b, "SELECT group_concat(id) FROM (SELECT id FROM t ORDER BY id)")).as("every row kept").isEqualTo("a,b");
        assertThat(rows(b, "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table'")).as("nothing of V2 remains").isEqualTo("ferry_history,t");

        String output = sqliteShellFailing(b, "BEGIN;\n" + diff.script(false) + "\nCOMMIT;\n");
        assertThat(output).contains("the copy of t came up short");
        assertThat(rows(b, "SELECT group_concat(id) FROM (SELECT id FROM t ORDER BY id)")).as("rolled back in the shell").isEqualTo("a,b");
    }

    /**
     * The old table's triggers move with it to ferry_old_t: one that refuses updates must not stop
     * the guard from marking its row, and an audit trigger must not write for the mark.
     */
    @Test
    void theOldTablesTriggersNeitherBreakTheGuardNorFire() throws Exception {
        Path a = dir.resolve("za.sqlite");
        Path b = dir.resolve("zb.sqlite");
        String[] triggers = {"CREATE TABLE audit (what TEXT)",
                "CREATE TRIGGER t_append_only BEFORE UPDATE ON t WHEN old.code IS NOT NULL BEGIN SELECT RAISE(ABORT, 'append-only'); END",
                "CREATE TRIGGER t_audit AFTER UPDATE ON t BEGIN INSERT INTO audit VALUES ('update ' || new.id); END"};
        execute(a, "CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT NOT NULL)");
        execute(a, triggers);
        execute(b, "CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT)", "INSERT INTO t VALUES (1, 'a'), (2, 'b')");
        execute(b, triggers);
        DiffResult diff = diffs.diff("sqlite:" + b, "sqlite:" + a, null);
        assertThat(diff.changes()).filteredOn(SchemaChange::destructive).isEmpty();
        execute(b, "INSERT INTO t VALUES (3, NULL)");

        String output = sqliteShellFailing(b, diff.script(false));
        assertThat(output).contains("FOREIGN KEY constraint failed").doesNotContain("append-only");
        assertThat(rows(b, "SELECT group_concat(id) FROM (SELECT id FROM ferry_old_t ORDER BY id)")).as("every row kept aside").isEqualTo("1,2,3");
        assertThat(rows(b, "SELECT count(*) FROM audit")).as("no audit rows for the mark").isEqualTo("0");
    }

    /** A WITHOUT ROWID table has no rowid to mark: the guard marks a row by its primary key. */
    @Test
    void theGuardHoldsForAWithoutRowidTable() throws Exception {
        Path a = dir.resolve("ra.sqlite");
        Path b = dir.resolve("rb.sqlite");
        execute(a, "CREATE TABLE t (k TEXT, n INT, code TEXT NOT NULL, PRIMARY KEY (k, n)) WITHOUT ROWID");
        execute(b, "CREATE TABLE t (k TEXT, n INT, code TEXT, PRIMARY KEY (k, n)) WITHOUT ROWID",
                "INSERT INTO t VALUES ('x', 1, 'a'), ('x', 2, 'b')");
        DiffResult diff = diffs.diff("sqlite:" + b, "sqlite:" + a, null);
        assertThat(diff.changes()).filteredOn(SchemaChange::destructive).isEmpty();
        execute(b, "INSERT INTO t VALUES ('a', 3, NULL)");

        String output = sqliteShellFailing(b, diff.script(false));
        assertThat(output).contains("FOREIGN KEY constraint failed").doesNotContain("no such column");
        assertThat(rows(b, "SELECT group_concat(n) FROM (SELECT n FROM ferry_old_t ORDER BY n)")).as("every row kept aside").isEqualTo("1,2,3");
    }

    /** From a schema file the rows cannot be counted (its shadow has none): a tightening is destructive. */
    @Test
    void aTighteningOfASchemaFileIsDestructive() throws Exception {
        Path a = dir.resolve("va.sqlite");
        execute(a, "CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT NOT NULL)");
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT);\n");
        DiffResult diff = new DiffService(Dialects.load(), dir, null, HistoryConfig.DEFAULT).diff("schema.sql", "sqlite:" + a, null);
        assertThat(diff.changes()).extracting(ch -> ch.object() + ": " + ch.summary()).containsExactly(
                "table t: rebuilt: code NOT NULL in the target; rows that violate the target's constraints are left out");
        assertThat(diff.changes()).filteredOn(SchemaChange::destructive).hasSize(1);

        Path b = dir.resolve("vb.sqlite");
        execute(b, "CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT)");
        sqliteShell(b, diff.script(true)); // an empty table copies short of nothing
        sqliteShell(b, "BEGIN;\n" + diff.script(true) + "\nCOMMIT;\n");
        assertThat(diffs.diff("sqlite:" + b, "sqlite:" + a, null).changes()).isEmpty();
    }

    /**
     * WITHOUT ROWID and STRICT are differences, which only a rebuild makes (SQLite cannot ALTER
     * them), both ways; the rows stay. Applied with the sqlite3 shell.
     */
    @Test
    void withoutRowidAndStrictAreDifferencesThatARebuildMakes() throws Exception {
        Path a = dir.resolve("oa.sqlite");
        Path b = dir.resolve("ob.sqlite");
        execute(a, "CREATE TABLE w (k TEXT NOT NULL PRIMARY KEY, n INT) WITHOUT ROWID", "CREATE TABLE s (id INTEGER PRIMARY KEY, name TEXT) STRICT",
                "CREATE TABLE ws (k TEXT NOT NULL PRIMARY KEY, n INT) WITHOUT ROWID, STRICT");
        execute(b, "CREATE TABLE w (k TEXT NOT NULL PRIMARY KEY, n INT)", "CREATE TABLE s (id INTEGER PRIMARY KEY, name TEXT)",
                "CREATE TABLE ws (k TEXT NOT NULL PRIMARY KEY, n INT) STRICT",
                "INSERT INTO w VALUES ('a', 1), ('b', 2)", "INSERT INTO s VALUES (1, 'x')", "INSERT INTO ws VALUES ('c', 3)");
        DiffResult diff = diffs.diff("sqlite:" + b, "sqlite:" + a, null);
        assertThat(diff.changes()).extracting(ch -> ch.object() + ": " + ch.summary()).containsExactlyInAnyOrder(
                "table w: rebuilt: WITHOUT ROWID in the target",
                "table s: rebuilt: STRICT in the target; no row violates the target's constraints",
                "table ws: rebuilt: WITHOUT ROWID in the target");
        assertThat(diff.changes()).filteredOn(SchemaChange::destructive).isEmpty();

        sqliteShell(b, diff.script(false));
        assertThat(options(b)).isEqualTo("s:0:1,w:1:0,ws:1:1");
        assertThat(rows(b, "SELECT (SELECT group_concat(k || n) FROM w) || (SELECT group_concat(id || name) FROM s) || (SELECT k || n FROM ws)"))
                .isEqualTo("a1,b21xc3");
        assertThat(diffs.diff("sqlite:" + b, "sqlite:" + a, null).changes()).isEmpty();

        Path plain = dir.resolve("oc.sqlite");
        execute(plain, "CREATE TABLE w (k TEXT NOT NULL PRIMARY KEY, n INT)", "CREATE TABLE s (id INTEGER PRIMARY KEY, name TEXT)",
                "CREATE TABLE ws (k TEXT NOT NULL PRIMARY KEY, n INT) STRICT");
        DiffResult back = diffs.diff("sqlite:" + a, "sqlite:" + plain, null);
        assertThat(back.changes()).extracting(ch -> ch.object() + ": " + ch.summary()).containsExactlyInAnyOrder(
                "table w: rebuilt: not WITHOUT ROWID in the target", "table s: rebuilt: not STRICT in the target",
                "table ws: rebuilt: not WITHOUT ROWID in the target");
        sqliteShell(a, back.script(false));
        assertThat(options(a)).isEqualTo("s:0:0,w:0:0,ws:0:1");
        assertThat(diffs.diff("sqlite:" + a, "sqlite:" + plain, null).changes()).as("the other way round").isEmpty();
    }

    /** Item 1: a rebuild for another change keeps WITHOUT ROWID and STRICT; it used to write an ordinary table. */
    @Test
    void aRebuildKeepsWithoutRowidAndStrict() throws Exception {
        Path a = dir.resolve("pa.sqlite");
        Path b = dir.resolve("pb.sqlite");
        execute(a, "CREATE TABLE t (k TEXT PRIMARY KEY, n INT NOT NULL DEFAULT 0) WITHOUT ROWID, STRICT");
        execute(b, "CREATE TABLE t (k TEXT PRIMARY KEY, n INT) WITHOUT ROWID, STRICT", "INSERT INTO t VALUES ('a', 1), ('b', NULL)");
        DiffResult diff = diffs.diff("sqlite:" + b, "sqlite:" + a, null);
        assertThat(diff.changes()).extracting(ch -> ch.object() + ": " + ch.summary()).containsExactly(
                "table t: rebuilt: n default differs, NOT NULL in the target (a NULL gets the default)");
        sqliteShell(b, diff.script(false));
        assertThat(options(b)).as("wr and strict of t after the rebuild").isEqualTo("t:1:1");
        assertThat(rows(b, "SELECT group_concat(k || n) FROM t")).isEqualTo("a1,b0");
        assertThat(diffs.diff("sqlite:" + b, "sqlite:" + a, null).changes()).isEmpty();
    }

    /**
     * A switch to STRICT rejects values of the wrong type, and INSERT OR IGNORE does not cover a
     * type error (the whole INSERT fails): the copy leaves those rows out, the diff counts them
     * and the change is destructive; without --allow-destructive every row stays.
     */
    @Test
    void aSwitchToStrictLeavesOutRowsOfTheWrongTypeAndIsDestructive() throws Exception {
        Path a = dir.resolve("qsa.sqlite");
        Path b = dir.resolve("qsb.sqlite");
        execute(a, "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, v TEXT) STRICT");
        execute(b, "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, v TEXT)",
                "INSERT INTO t VALUES (1, 5, 'a'), (2, 'five', 'b'), (3, '7', 'c'), (4, 8, x'00'), (5, 2.0, 4)");
        DiffResult diff = diffs.diff("sqlite:" + b, "sqlite:" + a, null);
        assertThat(diff.changes()).extracting(ch -> ch.object() + ": " + ch.summary()).containsExactly(
                "table t: rebuilt: STRICT in the target; 2 of 5 rows violate the target's constraints and are left out");
        assertThat(diff.changes()).filteredOn(SchemaChange::destructive).hasSize(1);

        sqliteShell(b, diff.script(false));
        assertThat(options(b)).as("left out").isEqualTo("t:0:0");
        assertThat(rows(b, "SELECT count(*) FROM t")).isEqualTo("5");
        sqliteShell(b, diff.script(true));
        assertThat(options(b)).isEqualTo("t:0:1");
        assertThat(rows(b, "SELECT group_concat(id || ':' || n || typeof(n) || ':' || v || typeof(v)) FROM t"))
                .as("only the rows of the wrong type go").isEqualTo("1:5integer:atext,3:7integer:ctext,5:2integer:4text");
        assertThat(diffs.diff("sqlite:" + b, "sqlite:" + a, null).changes()).isEmpty();
    }

    /** The copy into a STRICT table takes exactly the values SQLite's STRICT accepts, checked one value at a time. */
    @Test
    void theCopyIntoAStrictTableTakesExactlyTheValuesStrictAccepts() throws Exception {
        Path db = dir.resolve("matrix.sqlite");
        String values = "(NULL), (1), (3.0), (3.5), (-0.0), (1e18), (1e20), (9.2233720368547758e18), (-9.223372036854775808e18),"
                + " (9223372036854775807), (-9223372036854775808), ('12'), (' 12 '), ('1.0'), ('1e3'), ('3.0e+5'), ('+5'), ('5.'), ('.5'),"
                + " (' 1.5'), ('-0'), ('abc'), ('0x10'), ('12abc'), (''), ('  '), ('inf'), ('NaN'), ('1e400'), ('9223372036854775808'),"
                + " ('-9223372036854775809'), ('-9223372036854775808'), ('9007199254740993'), ('9007199254740993.0'), ('1e18'),"
                + " (char(10) || '7' || char(9)), (x'3132'), (x'')";
        execute(db, "CREATE TABLE src (id INTEGER PRIMARY KEY, v)", "INSERT INTO src (v) VALUES " + values);
        SqliteSchemaSql sql = new SqliteSchemaSql();
        Table from = new Table(null, "src", List.of(dev.ferry.schema.model.Column.of("v", "", true, null)), List.of(), List.of());
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            for (String type : List.of("INTEGER", "INT", "REAL", "TEXT", "BLOB", "ANY")) {
                Table into = new Table(null, "copy_" + type, List.of(dev.ferry.schema.model.Column.of("v", type, true, null)), List.of(), List.of(),
                        List.of(), null, false, dev.ferry.schema.model.RowSecurity.NONE, List.of("STRICT"));
                s.execute(sql.createTable(into));
                s.execute(sql.copy(from, into).orElseThrow());
                s.execute("CREATE TABLE one_" + type + " (v " + type + ") STRICT");
                StringBuilder accepted = new StringBuilder();
                for (long id = 1; id <= Sql.scalar(s, "SELECT count(*) FROM src"); id++) {
                    try {
                        s.execute("INSERT INTO one_" + type + " SELECT v FROM src WHERE id = " + id);
                        accepted.append(accepted.length() == 0 ? "" : ",").append(id);
                    } catch (SQLException rejected) {
                        assertThat(rejected.getMessage()).contains("cannot store");
                    }
                }
                assertThat(rows(db, "SELECT group_concat(quote(v)) FROM copy_" + type)).as(type)
                        .isEqualTo(rows(db, "SELECT group_concat(quote(v)) FROM one_" + type));
                assertThat(accepted.length()).as(type + " accepts some").isPositive();
            }
        }
    }

    /** name:wr:strict of each table but sqlite_*, by name. */
    private static String options(Path db) throws SQLException {
        return rows(db, "SELECT group_concat(name || ':' || wr || ':' || strict) FROM (SELECT name, wr, strict FROM pragma_table_list"
                + " WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name)");
    }

    /** As users apply a script: {@code sqlite3 app.db < fix.sql}, which reports an error and goes on. */
    private void sqliteShell(Path db, String script) throws Exception {
        Path file = Files.writeString(Files.createTempFile(dir, "fix", ".sql"), script);
        Process p = new ProcessBuilder("sqlite3", db.toString()).redirectInput(file.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sqlite3.log").toFile()).start();
        int exit = p.waitFor();
        assertThat(Files.readString(dir.resolve("sqlite3.log"))).as("sqlite3 output of\n" + script).isEmpty();
        assertThat(exit).isZero();
    }

    /** The sqlite3 shell's output for a script that fails somewhere (the shell goes on, then exits 1). */
    private String sqliteShellFailing(Path db, String script) throws Exception {
        Path file = Files.writeString(Files.createTempFile(dir, "fix", ".sql"), script);
        Process p = new ProcessBuilder("sqlite3", db.toString()).redirectInput(file.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sqlite3.log").toFile()).start();
        assertThat(p.waitFor()).isOne();
        return Files.readString(dir.resolve("sqlite3.log"));
    }

    private static String rows(Path db, String query) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            while (r.next()) {
                sb.append(sb.length() == 0 ? "" : ",").append(r.getString(1));
            }
        }
        return sb.toString();
    }

    private Path copy(String name) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        return Chinook.sqliteCopy(d);
    }

    /** With foreign keys enforced, as a careful application would have them. */
    private static Connection connect(Path db) throws SQLException {
        Properties props = new Properties();
        props.setProperty("foreign_keys", "true");
        return DriverManager.getConnection("jdbc:sqlite:" + db, props);
    }

    private static void execute(Path db, String... statements) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** https://www.sqlite.org/lang_altertable.html#otheralter, the writable_schema way. */
    private static void rewrite(Path db, String table, UnaryOperator<String> change) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            String sql;
            try (ResultSet r = s.executeQuery("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'")) {
                r.next();
                sql = r.getString(1);
            }
            String changed = change.apply(sql);
            assertThat(changed).as("rewrite of " + table).isNotEqualTo(sql);
            long version = Sql.scalar(s, "PRAGMA schema_version");
            s.execute("PRAGMA writable_schema = ON");
            try (PreparedStatement p = c.prepareStatement("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?")) {
                p.setString(1, changed);
                p.setString(2, table);
                p.executeUpdate();
            }
            s.execute("PRAGMA schema_version = " + (version + 1));
            s.execute("PRAGMA writable_schema = OFF");
        }
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("ok");
        }
    }

    /** Statement by statement in autocommit, as SqlSplitter cuts them (a trigger's BEGIN … END body is one). */
    private static void apply(Path db, String script) throws SQLException {
        try (Connection c = connect(db)) {
            Sql.runScript(c, script, new SqliteDialect().backslashEscapes());
        }
    }

    private static long violations(Path db) throws SQLException {
        long n = 0;
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA foreign_key_check")) {
            while (r.next()) {
                n++;
            }
        }
        return n;
    }

    private static Map<String, Long> counts(Path db) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            for (String table : new String[] {"Album", "Artist", "Customer", "Employee", "Genre", "Invoice", "InvoiceLine",
                    "MediaType", "Playlist", "PlaylistTrack", "Track"}) {
                counts.put(Chinook.fold(table), Sql.scalar(s, "SELECT count(*) FROM \"" + table + "\""));
            }
        }
        return counts;
    }
}
