package dev.ferry.cli;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.copy.CopyOptions;
import dev.ferry.copy.CopyResult;
import dev.ferry.copy.CopyService;
import dev.ferry.copy.MappedCopy;
import dev.ferry.copy.MappingFile;
import dev.ferry.error.FerryException;
import dev.ferry.report.Progress;
import dev.ferry.spi.Database;
import dev.ferry.spi.Dialects;
import dev.ferry.testkit.Chinook;
import dev.ferry.testkit.TestMariaDb;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.ferry.testkit.Sql.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ferry copy from MariaDB and SQLite into PostgreSQL: Chinook onto the snake_case schema of
 * Chinook_PostgreSql.sql equal, table for table, to loading that file; Chinook into an empty
 * database with the schema Ferry makes; the awkward values of each source.
 */
class CrossDialectCopyIT {
    private static final List<String> CHINOOK_TABLES = List.of("album", "artist", "customer", "employee", "genre", "invoice", "invoice_line",
            "media_type", "playlist", "playlist_track", "track");
    private static final int BACKSLASHED_TRACKS = 4;

    @TempDir
    Path dir;

    private static CopyResult copy(String from, String to, CopyOptions options, List<String> notes) {
        Dialects dialects = Dialects.load();
        try (Database a = dialects.open(DatabaseUrl.parse(from)); Database b = dialects.open(DatabaseUrl.parse(to))) {
            return new CopyService(options, Progress.NONE, notes::add).copy(a, b);
        }
    }

    private static CopyOptions dataOnlySnakeCase() {
        return new CopyOptions(2, List.of(), false, true, false, false, true, true);
    }

    /** Chinook_PostgreSql.sql's schema without its rows. */
    private static String chinookSchemaWithoutRows(String prefix) {
        String db = TestPostgres.createChinookDatabase(prefix);
        TestPostgres.execute(db, "TRUNCATE " + String.join(", ", CHINOOK_TABLES) + " CASCADE");
        return db;
    }

    /**
     * The values in which the three Chinook files, as the testkit loads them, really differ, put
     * into the database loaded from Chinook_PostgreSql.sql as the other forms hold them:
     * <ul>
     * <li>"Edinburgh " (one customer, seven invoices): the PostgreSQL file writes it N'Edinburgh ', and N'' is
     *     character(n) in PostgreSQL, whose trailing spaces go on the way into varchar; MySQL and SQLite keep them.</li>
     * <li>from MariaDB only, track names with " \ " in them: Chinook_MySql.sql writes '… \ …', which MariaDB (backslash
     *     escapes on, its default) reads as an escaped space, so MariaDB itself holds them without the backslash.</li>
     * </ul>
     */
    private static void asTheOtherFormsHoldIt(String expected, boolean mariaDb) throws SQLException {
        try (Connection c = TestPostgres.connect(expected); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE customer SET city = 'Edinburgh ' WHERE city = 'Edinburgh'")).isEqualTo(1);
            assertThat(s.executeUpdate("UPDATE invoice SET billing_city = 'Edinburgh ' WHERE billing_city = 'Edinburgh'")).isEqualTo(7);
            if (mariaDb) {
                assertThat(s.executeUpdate("UPDATE track SET name = replace(name, '\\', '') WHERE name LIKE '%\\\\%'")).isEqualTo(BACKSLASHED_TRACKS);
            }
        }
    }

    /** Per table: rows and an order-independent hash of the rows as PostgreSQL prints them. */
    private static Map<String, String> contents(String db) throws SQLException {
        Map<String, String> contents = new TreeMap<>();
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            for (String t : CHINOOK_TABLES) {
                try (ResultSet r = s.executeQuery("SELECT count(*), coalesce(sum(hashtext(t::text)::bigint), 0) FROM " + t + " t")) {
                    r.next();
                    contents.put(t, r.getLong(1) + " rows, hash " + r.getLong(2));
                }
            }
        }
        return contents;
    }

    /** The first rows that differ, to say what to look at when the hashes do. */
    private static String differences(String db, String expected) throws SQLException {
        StringBuilder out = new StringBuilder();
        for (String t : CHINOOK_TABLES) {
            java.util.Set<String> have = rows(db, t);
            java.util.Set<String> want = rows(expected, t);
            java.util.Set<String> extra = new java.util.TreeSet<>(have);
            extra.removeAll(want);
            java.util.Set<String> missing = new java.util.TreeSet<>(want);
            missing.removeAll(have);
            extra.stream().limit(3).forEach(x -> out.append("\n").append(t).append(" copied:   ").append(x));
            missing.stream().limit(3).forEach(x -> out.append("\n").append(t).append(" expected: ").append(x));
        }
        return out.toString();
    }

    private static java.util.Set<String> rows(String db, String table) throws SQLException {
        java.util.Set<String> rows = new java.util.HashSet<>();
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT t::text FROM " + table + " t")) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }

    @Test
    void chinookFromMariaDbOntoTheSnakeCaseSchemaEqualsLoadingThePostgresFile() throws Exception {
        String source = TestMariaDb.createChinookDatabase("xcopy");
        String expected = TestPostgres.createChinookDatabase("xcopyexpected");
        asTheOtherFormsHoldIt(expected, true);
        String target = chinookSchemaWithoutRows("xcopymaria");
        CopyResult r = copy(TestMariaDb.url(source), TestPostgres.url(target), dataOnlySnakeCase(), new ArrayList<>());
        assertThat(r.rows()).isEqualTo(15607);
        assertThat(r.verified()).isEqualTo("table-counts");
        assertThat(contents(target)).as(differences(target, expected)).isEqualTo(contents(expected));
    }

    @Test
    void chinookFromSqliteOntoTheSnakeCaseSchemaEqualsLoadingThePostgresFile() throws Exception {
        Path file = Chinook.sqliteCopy(dir);
        String expected = TestPostgres.createChinookDatabase("xcopyexpectedlite");
        asTheOtherFormsHoldIt(expected, false);
        String target = chinookSchemaWithoutRows("xcopylite");
        CopyResult r = copy("sqlite:" + file, TestPostgres.url(target), dataOnlySnakeCase(), new ArrayList<>());
        assertThat(r.rows()).isEqualTo(15607);
        assertThat(contents(target)).as(differences(target, expected)).isEqualTo(contents(expected));
    }

    /** examples/chinook/mapping.yaml: the legacy names to the snake_case ones, table by table and column by column. */
    private static final Path CHINOOK_MAPPING = Path.of(System.getProperty("user.dir")).getParent().resolve("examples/chinook/mapping.yaml");

    private static CopyResult copyThroughTheMapping(String from, String to) {
        Dialects dialects = Dialects.load();
        MappingFile mapping = MappingFile.load(CHINOOK_MAPPING, CHINOOK_MAPPING);
        try (Database a = dialects.open(DatabaseUrl.parse(from)); Database b = dialects.open(DatabaseUrl.parse(to))) {
            return new MappedCopy(mapping, new CopyOptions(1, List.of(), false, false, false, false, true), Progress.NONE, n -> { }).copy(a, b);
        }
    }

    @Test
    void chinookFromMariaDbThroughTheExampleMappingEqualsLoadingThePostgresFile() throws Exception {
        String source = TestMariaDb.createChinookDatabase("xmapmaria");
        String expected = TestPostgres.createChinookDatabase("xmapexpected");
        asTheOtherFormsHoldIt(expected, true);
        String target = chinookSchemaWithoutRows("xmapmariatarget");
        CopyResult r = copyThroughTheMapping(TestMariaDb.url(source), TestPostgres.url(target));
        assertThat(r.rows()).isEqualTo(15607);
        assertThat(r.tables()).hasSize(11);
        assertThat(r.verified()).isEqualTo("table-counts");
        assertThat(contents(target)).as(differences(target, expected)).isEqualTo(contents(expected));
    }

    @Test
    void chinookFromSqliteThroughTheExampleMappingEqualsLoadingThePostgresFile() throws Exception {
        Path file = Chinook.sqliteCopy(dir);
        String expected = TestPostgres.createChinookDatabase("xmapexpectedlite");
        asTheOtherFormsHoldIt(expected, false);
        String target = chinookSchemaWithoutRows("xmaplitetarget");
        CopyResult r = copyThroughTheMapping("sqlite:" + file, TestPostgres.url(target));
        assertThat(r.rows()).isEqualTo(15607);
        assertThat(contents(target)).as(differences(target, expected)).isEqualTo(contents(expected));
    }

    @Test
    void chinookFromMariaDbAndSqliteIntoEmptyDatabasesGetsTheSchemaFerryMakes() throws Exception {
        String mariaDb = TestMariaDb.createChinookDatabase("xcopyschema");
        String fromMariaDb = TestPostgres.createDatabase("xcopyschemamaria");
        CopyResult r = copy(TestMariaDb.url(mariaDb), TestPostgres.url(fromMariaDb), new CopyOptions(2, List.of(), false, false, false, false, true),
                new ArrayList<>());
        assertThat(r.tables()).hasSize(11);
        String fromSqlite = TestPostgres.createDatabase("xcopyschemalite");
        copy("sqlite:" + Chinook.sqliteCopy(dir), TestPostgres.url(fromSqlite), new CopyOptions(2, List.of(), false, false, false, false, true, true),
                new ArrayList<>());
        for (String db : List.of(fromMariaDb, fromSqlite)) {
            try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
                String track = db.equals(fromMariaDb) ? "\"Track\"" : "track";
                assertThat(scalar(s, "SELECT COUNT(*) FROM " + track)).isEqualTo(3503);
                assertThat(scalar(s, "SELECT COUNT(*) FROM information_schema.table_constraints WHERE constraint_type = 'FOREIGN KEY'")).isEqualTo(11);
                assertThat(scalar(s, "SELECT COUNT(*) FROM information_schema.table_constraints WHERE constraint_type = 'PRIMARY KEY'"
                        + " AND table_schema = 'public'")).isEqualTo(11);
                assertThat(scalar(s, "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'ferry_copy_state'")).isZero();
            }
        }
        try (Connection c = TestPostgres.connect(fromMariaDb); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'InvoiceLine' AND column_name = 'UnitPrice'"
                    + " AND data_type = 'numeric'")).isEqualTo(1);
        }
        try (Connection c = TestPostgres.connect(fromSqlite); Statement s = c.createStatement()) {
            // INTEGER PRIMARY KEY is an identity, moved past the copied ids
            s.execute("INSERT INTO genre (name) VALUES ('Ferry')");
            assertThat(scalar(s, "SELECT genre_id FROM genre WHERE name = 'Ferry'")).isEqualTo(26);
        }
    }

    @Test
    void awkwardMariaDbValuesArriveAsPostgresTypes() throws Exception {
        String source = TestMariaDb.createDatabase("xcopyodd");
        try (Connection c = TestMariaDb.connect(source); Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_mode = ''"); // zero dates, as old applications left them
            s.execute("CREATE TABLE odd (id int unsigned AUTO_INCREMENT PRIMARY KEY, flag tinyint(1), small tinyint, big bigint unsigned,"
                    + " wide int unsigned, price decimal(12,4), ratio double, f float, size enum('S','M','L'), colours set('red','green','blue'),"
                    + " data blob, note varchar(40) CHARACTER SET utf8mb4, latin varchar(20) CHARACTER SET latin1, born date, seen datetime(3),"
                    + " stamp timestamp NULL, doc json, UNIQUE KEY uq_note (note), KEY ix_born (born))");
            s.execute("INSERT INTO odd VALUES (NULL, 1, -128, 18446744073709551615, 4294967295, 12345678.1234, 1.5e300, 0.5, 'M', 'red,blue',"
                    + " x'00ff0061', 'ferry ⛴ 🚢', 'Müller', '0000-00-00', '0000-00-00 00:00:00', '2024-03-01 12:00:00', '{\"a\": [1, 2]}')");
            s.execute("INSERT INTO odd VALUES (NULL, 0, 127, 0, 0, -0.0001, 0, 0, 'S', '', '', 'plain', 'Ærø', '2024-02-29', '2024-02-29 23:59:59.123',"
                    + " NULL, NULL)");
            s.execute("INSERT INTO odd (id) VALUES (NULL)");
            s.execute("CREATE VIEW odd_sizes AS SELECT size, count(*) AS n FROM odd GROUP BY size");
            s.execute("ALTER TABLE odd ADD COLUMN qty int NOT NULL DEFAULT 7, ADD COLUMN made datetime DEFAULT CURRENT_TIMESTAMP,"
                    + " ADD COLUMN on_off tinyint(1) NOT NULL DEFAULT 1, ADD COLUMN label varchar(10) DEFAULT 'it''s'");
        }
        String target = TestPostgres.createDatabase("xcopyoddpg");
        List<String> notes = new ArrayList<>();
        CopyResult r = copy(TestMariaDb.url(source), TestPostgres.url(target), new CopyOptions(1, List.of(), false, false, false, false, true, true), notes);
        assertThat(r.tables()).singleElement().satisfies(t -> {
            assertThat(t.rows()).isEqualTo(3);
            assertThat(t.zeroDates()).isEqualTo(2);
        });
        assertThat(notes).anyMatch(n -> n.contains("2 zero dates") && n.contains("became NULL"))
                .anyMatch(n -> n.contains("view odd_sizes is not copied"));
        try (Connection c = TestPostgres.connect(target); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT flag, small, big::text, wide, price::text, ratio, size, colours, encode(data, 'hex'), note, latin,"
                     + " born, seen, stamp AT TIME ZONE 'UTC', doc->'a'->>1, pg_typeof(big)::text, pg_typeof(stamp)::text, pg_typeof(doc)::text FROM odd WHERE id = 1")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getBoolean(1)).isTrue();
            assertThat(row.getInt(2)).isEqualTo(-128);
            assertThat(row.getString(3)).isEqualTo("18446744073709551615");
            assertThat(row.getLong(4)).isEqualTo(4294967295L);
            assertThat(row.getString(5)).isEqualTo("12345678.1234");
            assertThat(row.getDouble(6)).isEqualTo(1.5e300);
            assertThat(row.getString(7)).isEqualTo("M");
            assertThat(row.getString(8)).isEqualTo("{red,blue}");
            assertThat(row.getString(9)).isEqualTo("00ff0061");
            assertThat(row.getString(10)).isEqualTo("ferry ⛴ 🚢");
            assertThat(row.getString(11)).isEqualTo("Müller");
            assertThat(row.getObject(12)).isNull();
            assertThat(row.getObject(13)).isNull();
            assertThat(row.getString(14)).isEqualTo("2024-03-01 12:00:00");
            assertThat(row.getString(15)).isEqualTo("2");
            assertThat(List.of(row.getString(16), row.getString(17), row.getString(18))).containsExactly("numeric", "timestamp with time zone", "jsonb");
        }
        try (Connection c = TestPostgres.connect(target); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM odd WHERE id = 2 AND colours = '{}' AND data = ''::bytea AND seen = '2024-02-29 23:59:59.123'"
                    + " AND price = -0.0001 AND NOT flag")).isEqualTo(1);
            s.execute("INSERT INTO odd (note) VALUES ('next')"); // AUTO_INCREMENT is an identity past the copied ids
            assertThat(scalar(s, "SELECT id FROM odd WHERE note = 'next'")).isEqualTo(4);
            assertThat(scalar(s, "SELECT COUNT(*) FROM odd WHERE note = 'next' AND qty = 7 AND made IS NOT NULL AND on_off AND label = 'it''s'"))
                    .as("literal defaults and the current time carried over").isEqualTo(1);
            assertThatThrownBy(() -> s.execute("INSERT INTO odd (size) VALUES ('XL')")).hasMessageContaining("odd_size_check");
            assertThat(scalar(s, "SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'odd'")).isEqualTo(3);
        }
    }

    @Test
    void aLargeMariaDbTableIsReadInKeyRangesBySessionsOfOneSnapshotAndArrivesWhole() throws Exception {
        String source = TestMariaDb.createDatabase("xcopyranges");
        String sums = "SELECT COUNT(*), SUM(id), SUM(amount), SUM(LENGTH(note)) FROM events";
        List<Object> expected = new ArrayList<>();
        try (Connection c = TestMariaDb.connect(source); Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_mode = ''");
            s.execute("CREATE TABLE events (id bigint PRIMARY KEY, at datetime(6), amount decimal(12,2), note varchar(40))");
            s.execute("INSERT INTO events SELECT seq, IF(seq % 100000 = 0, '0000-00-00 00:00:00', TIMESTAMP '2015-01-01 00:00:00' + INTERVAL seq SECOND),"
                    + " ROUND(seq * 1.37, 2), CONCAT('n', seq) FROM seq_1_to_700000");
            s.execute("ANALYZE TABLE events");
            try (ResultSet r = s.executeQuery(sums)) {
                r.next();
                for (int i = 1; i <= 4; i++) {
                    expected.add(r.getBigDecimal(i));
                }
            }
        }
        String target = TestPostgres.createDatabase("xcopyrangespg");
        List<String> notes = new ArrayList<>();
        CopyResult r = copy(TestMariaDb.url(source), TestPostgres.url(target), new CopyOptions(2, List.of(), false, false, false, false, true), notes);
        assertThat(r.verified()).isEqualTo(CopyResult.TABLE_COUNTS);
        assertThat(r.tables()).singleElement().satisfies(t -> {
            assertThat(t.parts()).as("key ranges").isEqualTo(4);
            assertThat(t.rows()).isEqualTo(700_000);
            assertThat(t.zeroDates()).isEqualTo(7);
        });
        assertThat(notes).anyMatch(n -> n.equals("public.events: 7 zero dates (0000-00-00, which PostgreSQL has no value for) became NULL"));
        List<Object> copied = new ArrayList<>();
        try (Connection c = TestPostgres.connect(target); Statement s = c.createStatement(); ResultSet q = s.executeQuery(sums)) {
            q.next();
            for (int i = 1; i <= 4; i++) {
                copied.add(q.getBigDecimal(i));
            }
            try (ResultSet t = s.executeQuery("SELECT count(at), (SELECT at FROM events WHERE id = 654321) FROM events")) {
                t.next();
                assertThat(t.getLong(1)).as("rows whose zero date became NULL are the only ones without").isEqualTo(700_000 - 7);
                assertThat(t.getString(2)).isEqualTo("2015-01-08 13:45:21");
            }
        }
        assertThat(copied).isEqualTo(expected);
    }

    @Test
    void aZeroDateInAColumnThatIsNotNullOnTheTargetStopsTheCopyByName() throws Exception {
        String source = TestMariaDb.createDatabase("xcopyzero");
        try (Connection c = TestMariaDb.connect(source); Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_mode = ''");
            s.execute("CREATE TABLE visits (id int PRIMARY KEY, at datetime NOT NULL)");
            s.execute("INSERT INTO visits VALUES (1, '2024-01-01 10:00:00'), (2, '0000-00-00 00:00:00')");
        }
        String target = TestPostgres.createDatabase("xcopyzeropg");
        assertThatThrownBy(() -> copy(TestMariaDb.url(source), TestPostgres.url(target), CopyOptions.defaults(), new ArrayList<>()))
                .isInstanceOf(FerryException.class)
                .hasMessageContaining("visits.at, row 2 of the source: the zero date 0000-00-00 00:00:00")
                .hasMessageContaining("public.visits.at is NOT NULL; public.visits was not loaded");
    }

    @Test
    void sqliteMixedAffinityIsKeptWhereItFitsAndRefusedByNameWhereItDoesNotThenResumed() throws Exception {
        Path file = dir.resolve("mixed.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE things (id INTEGER PRIMARY KEY, amount NUMERIC(10,2), anything, picture BLOB, label TEXT, ok BOOLEAN, at DATETIME, n INTEGER)");
            s.execute("INSERT INTO things VALUES (1, '12.50', 42, x'0001', 'ferry 🚢', 1, '2024-01-02 03:04:05', '7')");
            s.execute("INSERT INTO things VALUES (2, 3, 'text', NULL, 17, 0, NULL, 8)");
            s.execute("INSERT INTO things VALUES (3, 1.25, 2.5, x'', NULL, NULL, '2024-01-02', NULL)");
        }
        String target = TestPostgres.createDatabase("xcopymixed");
        copy("sqlite:" + file, TestPostgres.url(target), new CopyOptions(2, List.of(), false, false, false, false, true), new ArrayList<>());
        try (Connection c = TestPostgres.connect(target); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM things WHERE id = 1 AND amount = 12.50 AND anything = '42' AND picture = '\\x0001'::bytea"
                    + " AND label = 'ferry 🚢' AND ok AND at = '2024-01-02 03:04:05' AND n = 7")).isEqualTo(1);
            assertThat(scalar(s, "SELECT COUNT(*) FROM things WHERE id = 2 AND anything = 'text' AND label = '17' AND NOT ok")).isEqualTo(1);
            assertThat(scalar(s, "SELECT COUNT(*) FROM things WHERE id = 3 AND anything = '2.5' AND at = '2024-01-02 00:00:00'")).isEqualTo(1);
        }

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("INSERT INTO things (id, n) VALUES (4, 'four')");
            s.execute("CREATE TABLE kept (id INTEGER PRIMARY KEY)"); // copied before things, and kept by --resume
            s.execute("INSERT INTO kept VALUES (1), (2)");
        }
        String refused = TestPostgres.createDatabase("xcopymixedbad");
        assertThatThrownBy(() -> copy("sqlite:" + file, TestPostgres.url(refused), new CopyOptions(2, List.of(), false, false, false, false, false),
                new ArrayList<>())).isInstanceOf(FerryException.class)
                .hasMessageContaining("things.n, row 4 of the source: 'four' is not a number")
                .hasMessageContaining("public.things was not loaded");
        try (Connection c = TestPostgres.connect(refused); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM things")).isZero();
            assertThat(scalar(s, "SELECT COUNT(*) FROM kept")).isEqualTo(2);
        }

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("UPDATE things SET n = 4 WHERE id = 4");
        }
        List<String> notes = new ArrayList<>();
        CopyResult resumed = copy("sqlite:" + file, TestPostgres.url(refused), new CopyOptions(2, List.of(), false, false, false, true, true), notes);
        assertThat(resumed.resumed()).isTrue();
        assertThat(notes).anyMatch(n -> n.contains("1 of 2 parts were copied by an earlier run"));
        assertThat(resumed.tables()).extracting(CopyResult.TableCopy::table, CopyResult.TableCopy::rows, CopyResult.TableCopy::kept)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("public.kept", 2L, 1), org.assertj.core.groups.Tuple.tuple("public.things", 4L, 0));
        try (Connection c = TestPostgres.connect(refused); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM things WHERE n = 4")).isEqualTo(1);
            assertThat(scalar(s, "SELECT COUNT(*) FROM kept")).isEqualTo(2);
            assertThat(scalar(s, "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'ferry_copy_state'")).isZero();
        }
    }

    @Test
    void withMaxRejectsAValueThatDoesNotFitIsSetAsideAndTheRestCopied() throws Exception {
        Path file = dir.resolve("rejects.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE things (id INTEGER PRIMARY KEY, n INTEGER)");
            s.execute("INSERT INTO things VALUES (1, 1), (2, 'two'), (3, 3), (4, 'four'), (5, 5)");
        }
        String target = TestPostgres.createDatabase("xcopyrejects");
        Path rejects = dir.resolve("rejects");
        assertThatThrownBy(() -> copy("sqlite:" + file, TestPostgres.url(target),
                new CopyOptions(1, List.of(), false, false, false, false, true, false, 1, rejects), new ArrayList<>()))
                .isInstanceOf(FerryException.class).hasMessageContaining("more than 1 row rejected").hasMessageContaining("things.jsonl");
        List<String> notes = new ArrayList<>();
        CopyResult r = copy("sqlite:" + file, TestPostgres.url(target), new CopyOptions(1, List.of(), false, false, false, true, true, false, 2, rejects),
                notes);
        assertThat(r.tables()).extracting(CopyResult.TableCopy::table, CopyResult.TableCopy::rows, CopyResult.TableCopy::rejected)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("public.things", 3L, 2L));
        assertThat(notes).anyMatch(n -> n.contains("2 rows rejected by the target"));
        assertThat(java.nio.file.Files.readAllLines(rejects.resolve("things.jsonl"))).hasSize(2)
                .allMatch(l -> l.contains("is not a number")).anyMatch(l -> l.contains("\"n\":\"four\""));
        try (Connection c = TestPostgres.connect(target); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM things WHERE id IN (1, 3, 5)")).isEqualTo(3);
            assertThat(scalar(s, "SELECT COUNT(*) FROM things")).isEqualTo(3);
        }
    }

    @Test
    void mariaDbIntoSqliteIsRefusedClearly() {
        String source = TestMariaDb.createChinookDatabase("xcopyside");
        assertThatThrownBy(() -> copy(TestMariaDb.url(source), "sqlite:" + dir.resolve("side.db") + "?create=true", CopyOptions.defaults(), new ArrayList<>()))
                .isInstanceOf(FerryException.class).hasMessageContaining("copying MySQL/MariaDB into SQLite").hasMessageContaining("not built yet");
    }
}
