package dev.ferry.mysql;

import dev.ferry.connect.HistoryConfig;
import dev.ferry.schema.DiffResult;
import dev.ferry.schema.DiffService;
import dev.ferry.schema.SchemaChange;
import dev.ferry.spi.Dialects;
import dev.ferry.testkit.Chinook;
import dev.ferry.testkit.Sql;
import dev.ferry.testkit.TestMariaDb;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Diff of Chinook against a mutated copy on MariaDB: the script turns the copy back, keeping its rows. */
class MySqlSchemaDiffIT {

    private final DiffService diffs = new DiffService(Dialects.load(), Path.of(""), null, HistoryConfig.DEFAULT);

    @Test
    void theRepairScriptTurnsTheMutatedCopyBackIntoTheOriginal() throws Exception {
        String a = TestMariaDb.createChinookDatabase("diff_a");
        String b = TestMariaDb.createChinookDatabase("diff_b");
        String from = TestMariaDb.url(b);
        String to = TestMariaDb.url(a);
        assertThat(diffs.diff(from, to, null).changes()).as("copies start equal").isEmpty();
        assertThat(diffs.diff(to, from, null).changes()).as("both ways").isEmpty();

        execute(b, "ALTER TABLE Customer DROP COLUMN Fax",
                "DROP INDEX IFK_PlaylistTrackPlaylistId ON PlaylistTrack", // the primary key serves the foreign key
                "ALTER TABLE Invoice ALTER COLUMN Total SET DEFAULT 0",
                "ALTER TABLE Track DROP FOREIGN KEY FK_TrackGenreId",
                "ALTER TABLE Artist MODIFY Name NVARCHAR(200)",
                "ALTER TABLE Genre MODIFY Name NVARCHAR(120) NOT NULL",
                "CREATE TABLE stray (id int primary key)",
                "CREATE INDEX ix_album_title ON Album (Title(20))");

        DiffResult diff = diffs.diff(from, to, null);
        String utf8mb3 = " CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci";
        assertThat(diff.changes()).extracting(ch -> ch.object() + ": " + ch.summary()).containsExactlyInAnyOrder(
                "column Customer.Fax: missing",
                "index IFK_PlaylistTrackPlaylistId: missing",
                "column Invoice.Total: default differs",
                "foreign key Track.FK_TrackGenreId: missing",
                "column Artist.Name: type varchar(200)" + utf8mb3 + " -> varchar(120)" + utf8mb3,
                "column Genre.Name: allows NULL in the target",
                "table stray: not in the target",
                "index ix_album_title: not in the target");
        assertThat(diff.changes()).filteredOn(SchemaChange::destructive).extracting(SchemaChange::object)
                .containsExactlyInAnyOrder("column Artist.Name", "table stray");
        assertThat(diff.script(false)).contains("-- DESTRUCTIVE, left out", "-- DROP TABLE `stray`;",
                "ALTER TABLE `Customer` ADD COLUMN `Fax` varchar(24)" + utf8mb3 + " NULL AFTER `Phone`;",
                "ALTER TABLE `Invoice` MODIFY COLUMN `Total` decimal(10,2) NOT NULL;",
                "DROP INDEX `ix_album_title` ON `Album`;",
                "ALTER TABLE `Track` ADD CONSTRAINT `FK_TrackGenreId` FOREIGN KEY (`GenreId`) REFERENCES `Genre` (`GenreId`)"
                        + " ON DELETE NO ACTION ON UPDATE NO ACTION;");
        assertThat(diffs.diff(to, from, null).script(true)).as("prefix lengths survive")
                .contains("CREATE INDEX `ix_album_title` ON `Album` (`Title`(20));");

        apply(b, diff.script(true));
        assertThat(diffs.diff(from, to, null).changes()).as("after the script").isEmpty();
        assertThat(diffs.diff(to, from, null).changes()).as("and the other way round").isEmpty();
        assertThat(counts(b)).isEqualTo(new TreeMap<>(Chinook.COUNTS));
    }

    /** An empty database gets every table, index and foreign key, whatever the order the tables reference each other. */
    @Test
    void theScriptBuildsChinookInAnEmptyDatabase() throws Exception {
        String a = TestMariaDb.createChinookDatabase("diff_full");
        String empty = TestMariaDb.createDatabase("diff_empty");
        DiffResult diff = diffs.diff(TestMariaDb.url(empty), TestMariaDb.url(a), null);
        assertThat(diff.changes()).filteredOn(SchemaChange::destructive).isEmpty();
        apply(empty, diff.script(false));
        assertThat(diffs.diff(TestMariaDb.url(empty), TestMariaDb.url(a), null).changes()).isEmpty();
        assertThat(diffs.diff(TestMariaDb.url(a), TestMariaDb.url(empty), null).changes()).isEmpty();
    }

    /**
     * Columns with MariaDB's quirks compare equal to themselves (quoted and 'NULL' defaults,
     * current_timestamp(), ON UPDATE, generated, AUTO_INCREMENT, unique prefix and DESC keys), and
     * changing a column keeps its column-level check, which MODIFY COLUMN alone would drop.
     */
    @Test
    void mariaDbColumnQuirksRoundTrip() throws Exception {
        String ddl = "CREATE TABLE quirks (id int AUTO_INCREMENT PRIMARY KEY, s varchar(10) DEFAULT 'it''s',"
                + " n int DEFAULT NULL, d datetime DEFAULT current_timestamp() ON UPDATE current_timestamp(),"
                + " g int AS (id * 2) VIRTUAL, c int CHECK (c > 0), CONSTRAINT ck_pair CHECK (n < 10 OR n IS NULL),"
                + " UNIQUE KEY uq_s_n (s(5), n DESC))";
        String a = TestMariaDb.createDatabase("quirks_a");
        String b = TestMariaDb.createDatabase("quirks_b");
        execute(a, ddl);
        execute(b, ddl);
        String from = TestMariaDb.url(b);
        String to = TestMariaDb.url(a);
        assertThat(diffs.diff(from, to, null).changes()).isEmpty();

        execute(b, "ALTER TABLE quirks MODIFY c bigint", "ALTER TABLE quirks DROP CONSTRAINT ck_pair",
                "ALTER TABLE quirks MODIFY d datetime DEFAULT '2020-01-01 00:00:00'");
        DiffResult diff = diffs.diff(from, to, null);
        assertThat(diff.changes()).extracting(ch -> ch.object() + ": " + ch.summary()).containsExactlyInAnyOrder(
                "column quirks.c: type bigint(20) -> int(11)",
                "column quirks.d: type datetime -> datetime ON UPDATE current_timestamp(), default differs",
                "check constraint quirks.c: missing",
                "check constraint quirks.ck_pair: missing");
        apply(b, diff.script(true));
        assertThat(diffs.diff(from, to, null).changes()).isEmpty();

        // and back: B's column-level check goes, which only restating the column can do
        execute(b, "ALTER TABLE quirks DROP CONSTRAINT c", "ALTER TABLE quirks DROP CONSTRAINT ck_pair",
                "ALTER TABLE quirks MODIFY c int CHECK (c > 0)");
        execute(a, "ALTER TABLE quirks MODIFY c int");
        DiffResult back = diffs.diff(from, to, null);
        assertThat(back.changes()).extracting(ch -> ch.object() + ": " + ch.summary()).containsExactlyInAnyOrder(
                "check constraint quirks.c: not in the target", "check constraint quirks.ck_pair: missing");
        apply(b, back.script(true));
        assertThat(diffs.diff(from, to, null).changes()).isEmpty();
    }

    /**
     * Issue 9: int -> bigint and smallint -> int keep every value, so they are in the script without
     * --allow-destructive, and the foreign key that needs both sides widened can be added after them.
     */
    @Test
    void wideningIsNotDestructiveSoALaterForeignKeyFits() throws Exception {
        String a = TestMariaDb.createDatabase("widen_a");
        String b = TestMariaDb.createDatabase("widen_b");
        execute(a, "CREATE TABLE parent (id bigint PRIMARY KEY, code int, qty int unsigned)",
                "CREATE TABLE child (id int PRIMARY KEY, parent_id bigint, CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parent (id))");
        execute(b, "CREATE TABLE parent (id int PRIMARY KEY, code smallint, qty smallint unsigned)",
                "CREATE TABLE child (id int PRIMARY KEY, parent_id int)",
                "INSERT INTO parent VALUES (2147483647, -32768, 65535)", "INSERT INTO child VALUES (1, 2147483647)");
        DiffResult diff = diffs.diff(TestMariaDb.url(b), TestMariaDb.url(a), null);
        assertThat(diff.changes()).filteredOn(SchemaChange::destructive).isEmpty();
        apply(b, diff.script(false));
        assertThat(diffs.diff(TestMariaDb.url(b), TestMariaDb.url(a), null).changes()).isEmpty();
        try (Connection c = TestMariaDb.connect(b); Statement s = c.createStatement()) {
            assertThat(Sql.scalar(s, "SELECT id + code + qty FROM parent")).isEqualTo(2147483647L - 32768 + 65535);
        }
    }

    /**
     * Issue 9, item 5: MODIFY COLUMN restates the whole column, so a script that changes a column's
     * type keeps its comment, and a comment that differs is a difference.
     */
    @Test
    void columnCommentsSurviveModifyAndAreCompared() throws Exception {
        String a = TestMariaDb.createDatabase("comment_a");
        String b = TestMariaDb.createDatabase("comment_b");
        execute(a, "CREATE TABLE notes (id int PRIMARY KEY, body varchar(200) COMMENT 'what the user wrote, it''s raw', n int COMMENT 'new')");
        execute(b, "CREATE TABLE notes (id int PRIMARY KEY, body varchar(100) COMMENT 'what the user wrote, it''s raw', n int COMMENT 'old')");
        DiffResult diff = diffs.diff(TestMariaDb.url(b), TestMariaDb.url(a), null);
        assertThat(diff.changes()).extracting(ch -> ch.object() + ": " + ch.summary()).containsExactlyInAnyOrder(
                "column notes.body: type varchar(100) -> varchar(200)", "column notes.n: comment differs");
        apply(b, diff.script(false));
        assertThat(diffs.diff(TestMariaDb.url(b), TestMariaDb.url(a), null).changes()).isEmpty();
        try (Connection c = TestMariaDb.connect(b); Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT group_concat(column_comment ORDER BY column_name SEPARATOR '|')"
                        + " FROM information_schema.columns WHERE table_schema = database() AND table_name = 'notes'")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("what the user wrote, it's raw||new");
        }
    }

    private static void execute(String database, String... statements) throws SQLException {
        try (Connection c = TestMariaDb.connect(database); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static void apply(String database, String script) throws SQLException {
        try (Connection c = TestMariaDb.connect(database)) {
            Sql.runScript(c, script, new MySqlDialect().backslashEscapes());
        }
    }

    private static Map<String, Long> counts(String database) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = TestMariaDb.connect(database); Statement s = c.createStatement()) {
            for (String table : new String[] {"Album", "Artist", "Customer", "Employee", "Genre", "Invoice", "InvoiceLine",
                    "MediaType", "Playlist", "PlaylistTrack", "Track"}) {
                counts.put(Chinook.fold(table), Sql.scalar(s, "SELECT count(*) FROM `" + table + "`"));
            }
        }
        return counts;
    }
}
