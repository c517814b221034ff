package dev.ferry.cli;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.copy.CopyOptions;
import dev.ferry.copy.CopyResult;
import dev.ferry.copy.CopyService;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Progress;
import dev.ferry.spi.Database;
import dev.ferry.spi.Dialects;
import dev.ferry.testkit.TestMariaDb;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.ferry.testkit.Sql.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ferry copy from PostgreSQL into MariaDB and SQLite: Chinook (loaded from Chinook_PostgreSql.sql)
 * equal table for table, keys and foreign keys on the target; the shared types' awkward values;
 * what the targets cannot hold refused by name with nothing written; a non-empty target refused
 * without --truncate; a copy killed after its third table finished by --resume.
 */
class OutOfPostgresCopyIT {
    private static final List<String> CHINOOK_TABLES = List.of("album", "artist", "customer", "employee", "genre", "invoice", "invoice_line",
            "media_type", "playlist", "playlist_track", "track");
    private static final long CHINOOK_ROWS = 15607;
    private static String chinook;

    @TempDir
    Path dir;

    @BeforeAll
    static void source() {
        chinook = TestPostgres.createChinookDatabase("outchinook");
    }

    private static CopyResult copy(String from, String to, CopyOptions options, List<String> notes) {
        Dialects dialects = Dialects.load();
        try (Database a = dialects.open(DatabaseUrl.parse(from)); Database b = dialects.open(DatabaseUrl.parse(to))) {
            return new CopyService(options, Progress.NONE, notes::add).copy(a, b);
        }
    }

    private static CopyOptions verified() {
        return new CopyOptions(2, List.of(), false, false, false, false, true);
    }

    private String sqliteUrl(String name) {
        return "sqlite:" + dir.resolve(name) + "?create=true";
    }

    private Connection sqlite(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(name));
    }

    /** Per table: its rows and a hash of them sorted, each value read through JDBC and written in one form whatever the database. */
    private static Map<String, String> contents(Connection c, List<String> tables) throws Exception {
        Map<String, String> contents = new TreeMap<>();
        for (String t : tables) {
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM " + t)) {
                int n = r.getMetaData().getColumnCount();
                while (r.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        row.append(normalised(r.getObject(i))).append('\u0001');
                    }
                    rows.add(row.toString());
                }
            }
            rows.sort(null);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            rows.forEach(row -> sha.update(row.getBytes(StandardCharsets.UTF_8)));
            contents.put(t, rows.size() + " rows, " + HexFormat.of().formatHex(sha.digest()));
        }
        return contents;
    }

    /** One spelling per value: numbers without trailing zeros, booleans 1/0, times as LocalDateTime prints them, bytes in hex. */
    static String normalised(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        if (v instanceof LocalDateTime t) {
            return t.toString();
        }
        String s = v.toString();
        if (s.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d+)?")) {
            return LocalDateTime.parse(s.replace(' ', 'T')).toString();
        }
        return s;
    }

    @Test
    void chinookIntoMariaDbEqualsTheSourceWithKeysAndForeignKeys() throws Exception {
        String target = TestMariaDb.createDatabase("outmaria");
        CopyResult r = copy(TestPostgres.url(chinook), TestMariaDb.url(target), verified(), new ArrayList<>());
        assertThat(r.rows()).isEqualTo(CHINOOK_ROWS);
        assertThat(r.verified()).isEqualTo(CopyResult.TABLE_COUNTS);
        assertThat(r.tables()).hasSize(11);
        try (Connection pg = TestPostgres.connect(chinook); Connection maria = TestMariaDb.connect(target)) {
            assertThat(contents(maria, CHINOOK_TABLES)).isEqualTo(contents(pg, CHINOOK_TABLES));
            try (Statement s = maria.createStatement()) {
                String constraints = "SELECT COUNT(*) FROM information_schema.table_constraints WHERE table_schema = database() AND constraint_type = ";
                assertThat(scalar(s, constraints + "'PRIMARY KEY'")).isEqualTo(11);
                assertThat(scalar(s, constraints + "'FOREIGN KEY'")).isEqualTo(11);
                assertThat(scalar(s, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = database() AND table_name = 'ferry_copy_state'"))
                        .isZero();
                assertThat(scalar(s, "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = database() AND table_name = 'invoice'"
                        + " AND column_name = 'total' AND column_type = 'decimal(10,2)'")).isEqualTo(1);
                assertThatThrownBy(() -> s.execute("INSERT INTO album (album_id, title, artist_id) VALUES (9999, 'orphan', 9999)"))
                        .hasMessageContaining("foreign key constraint fails");
            }
        }
    }

    @Test
    void chinookIntoSqliteEqualsTheSourceWithKeysAndForeignKeys() throws Exception {
        CopyResult r = copy(TestPostgres.url(chinook), sqliteUrl("chinook.db"), verified(), new ArrayList<>());
        assertThat(r.rows()).isEqualTo(CHINOOK_ROWS);
        assertThat(r.verified()).isEqualTo(CopyResult.TABLE_COUNTS);
        try (Connection pg = TestPostgres.connect(chinook); Connection lite = sqlite("chinook.db"); Statement s = lite.createStatement()) {
            assertThat(contents(lite, CHINOOK_TABLES)).isEqualTo(contents(pg, CHINOOK_TABLES));
            long keyed = 0;
            long foreign = 0;
            for (String t : CHINOOK_TABLES) {
                keyed += scalar(s, "SELECT COUNT(*) > 0 FROM pragma_table_info('" + t + "') WHERE pk > 0");
                foreign += scalar(s, "SELECT COUNT(*) FROM pragma_foreign_key_list('" + t + "')");
            }
            assertThat(keyed).isEqualTo(11);
            assertThat(foreign).isEqualTo(11);
            assertThat(scalar(s, "SELECT COUNT(*) FROM pragma_foreign_key_check")).isZero();
            assertThat(scalar(s, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'ferry_copy_state'")).isZero();
            assertThat(scalar(s, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'track_album_id_idx'")).isEqualTo(1);
        }
    }

    /** A table of every shared type, with the values that go wrong most easily. */
    private static String awkwardSource() {
        String db = TestPostgres.createDatabase("outodd");
        TestPostgres.execute(db, """
                CREATE TYPE size AS ENUM ('S', 'M', 'L');
                CREATE TABLE owner (id serial PRIMARY KEY, email text NOT NULL UNIQUE);
                CREATE TABLE odd (
                    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                    owner_id int REFERENCES owner (id) ON DELETE CASCADE,
                    flag boolean NOT NULL DEFAULT true,
                    small smallint, price numeric(12,4) DEFAULT 0, amount numeric, ratio double precision, f real,
                    code char(3), label varchar(20) DEFAULT 'it''s', note text,
                    size size DEFAULT 'M', data bytea, key uuid, doc jsonb,
                    born date, seen timestamp(3), stamp timestamptz DEFAULT now(), at time,
                    made timestamp DEFAULT CURRENT_TIMESTAMP);
                CREATE INDEX odd_born_idx ON odd (born);
                CREATE INDEX odd_lower_idx ON odd (lower(note));
                INSERT INTO owner (email) VALUES ('a@example.com'), ('A@example.com');
                INSERT INTO odd (owner_id, flag, small, price, amount, ratio, f, code, label, note, size, data, key, doc, born, seen, stamp, at) VALUES
                    (1, true, -32768, 12345678.1234, 123456789012345678901234.000000000001, 1.5e300, 0.1, 'ab', 'tab\tand\\back', E'line\\nbreak ⛴ 🚢',
                     'L', '\\x00ff5c0a09', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"b": [1, 2], "a": null}', '2024-02-29', '2024-02-29 23:59:59.123',
                     '2024-03-01 12:00:00+02', '13:14:15.5'),
                    (2, false, 0, -0.0001, 0, 0, 0, '', '', '', 'S', '', NULL, 'null', '1000-01-01', '1999-12-31 23:59:59', '1970-01-01 00:00:00+00', '00:00'),
                    (NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
                DELETE FROM odd WHERE id = 3;
                SELECT nextval('odd_id_seq');
                """);
        return db;
    }

    @Test
    void awkwardValuesArriveInMariaDbAsItsTypes() throws Exception {
        String source = awkwardSource();
        String target = TestMariaDb.createDatabase("outoddmaria");
        List<String> notes = new ArrayList<>();
        CopyResult r = copy(TestPostgres.url(source), TestMariaDb.url(target), verified(), notes);
        assertThat(r.rows()).isEqualTo(4);
        assertThat(notes).anyMatch(n -> n.contains("public.odd: index odd_lower_idx") && n.contains("is not copied"));
        try (Connection c = TestMariaDb.connect(target); Statement s = c.createStatement()) {
            try (ResultSet row = s.executeQuery("SELECT flag, small, price, amount, ratio, f, code, label, note, size, hex(data), `key`,"
                    + " json_value(doc, '$.b[1]'), born, seen, stamp, `at` FROM odd WHERE id = 1")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getBoolean(1)).isTrue();
                assertThat(row.getInt(2)).isEqualTo(-32768);
                assertThat(row.getString(3)).isEqualTo("12345678.1234");
                assertThat(new BigDecimal(row.getString(4))).isEqualByComparingTo("123456789012345678901234.000000000001");
                assertThat(row.getDouble(5)).isEqualTo(1.5e300);
                assertThat(row.getFloat(6)).isEqualTo(0.1f);
                assertThat(row.getString(7)).isEqualTo("ab"); // MariaDB's CHAR gives its value without the padding PostgreSQL's shows
                assertThat(row.getString(8)).isEqualTo("tab\tand\\back");
                assertThat(row.getString(9)).isEqualTo("line\nbreak ⛴ 🚢");
                assertThat(row.getString(10)).isEqualTo("L");
                assertThat(row.getString(11)).isEqualTo("00FF5C0A09");
                assertThat(row.getString(12)).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
                assertThat(row.getString(13)).isEqualTo("2");
                assertThat(row.getString(14)).isEqualTo("2024-02-29");
                assertThat(row.getString(15)).startsWith("2024-02-29 23:59:59.123");
                assertThat(row.getString(16)).startsWith("2024-03-01 10:00:00"); // timestamptz as UTC
                assertThat(row.getString(17)).startsWith("13:14:15.5");
            }
            assertThat(scalar(s, "SELECT COUNT(*) FROM odd WHERE id = 2 AND NOT flag AND price = -0.0001 AND data = '' AND `key` IS NULL"
                    + " AND doc = 'null' AND born = '1000-01-01' AND stamp = '1970-01-01 00:00:00'")).isEqualTo(1);
            assertThat(scalar(s, "SELECT COUNT(*) FROM owner")).as("emails unique case-sensitively, as in PostgreSQL").isEqualTo(2);
            s.execute("INSERT INTO odd (owner_id) VALUES (2)");
            assertThat(scalar(s, "SELECT id FROM odd WHERE owner_id = 2 AND id > 2")).as("past the source's sequence, which stood at 5")
                    .isEqualTo(5);
            assertThat(scalar(s, "SELECT COUNT(*) FROM odd WHERE id = 5 AND flag AND price = 0 AND label = 'it''s' AND size = 'M' AND made IS NOT NULL"))
                    .as("literal defaults and the current time carried over").isEqualTo(1);
            assertThatThrownBy(() -> s.execute("INSERT INTO odd (size) VALUES ('XL')")).hasMessageContaining("size");
            s.execute("DELETE FROM owner WHERE id = 1");
            assertThat(scalar(s, "SELECT COUNT(*) FROM odd WHERE owner_id = 1")).as("ON DELETE CASCADE kept").isZero();
            assertThat(scalar(s, "SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = database() AND index_name = 'odd_born_idx'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void awkwardValuesArriveInSqliteAsItsTypes() throws Exception {
        String source = awkwardSource();
        List<String> notes = new ArrayList<>();
        CopyResult r = copy(TestPostgres.url(source), sqliteUrl("odd.db"), verified(), notes);
        assertThat(r.rows()).isEqualTo(4);
        try (Connection c = sqlite("odd.db"); Statement s = c.createStatement()) {
            try (ResultSet row = s.executeQuery("SELECT flag, small, price, amount, ratio, f, code, label, note, size, hex(data), \"key\", doc, born, seen,"
                    + " stamp, at, typeof(flag), typeof(price), typeof(amount) FROM odd WHERE id = 1")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getInt(1)).isEqualTo(1);
                assertThat(row.getInt(2)).isEqualTo(-32768);
                assertThat(row.getString(3)).isEqualTo("12345678.1234");
                assertThat(new BigDecimal(row.getString(4))).as("kept as its text: a float would lose digits")
                        .isEqualByComparingTo("123456789012345678901234.000000000001");
                assertThat(row.getDouble(5)).isEqualTo(1.5e300);
                assertThat((float) row.getDouble(6)).isEqualTo(0.1f);
                assertThat(row.getString(7)).isEqualTo("ab ");
                assertThat(row.getString(8)).isEqualTo("tab\tand\\back");
                assertThat(row.getString(9)).isEqualTo("line\nbreak ⛴ 🚢");
                assertThat(row.getString(10)).isEqualTo("L");
                assertThat(row.getString(11)).isEqualTo("00FF5C0A09");
                assertThat(row.getString(12)).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
                assertThat(row.getString(13)).isEqualTo("{\"a\": null, \"b\": [1, 2]}");
                assertThat(row.getString(14)).isEqualTo("2024-02-29");
                assertThat(row.getString(15)).isEqualTo("2024-02-29 23:59:59.123");
                assertThat(row.getString(16)).isEqualTo("2024-03-01 10:00:00");
                assertThat(row.getString(17)).isEqualTo("13:14:15.5");
                assertThat(List.of(row.getString(18), row.getString(19), row.getString(20))).containsExactly("integer", "real", "text");
            }
            s.execute("INSERT INTO odd (owner_id) VALUES (2)");
            assertThat(scalar(s, "SELECT id FROM odd WHERE owner_id = 2 AND id > 2")).as("past the source's sequence, which stood at 5").isEqualTo(5);
            assertThat(scalar(s, "SELECT COUNT(*) FROM odd WHERE id = 5 AND flag = 1 AND price = 0 AND label = 'it''s' AND size = 'M' AND made IS NOT NULL"))
                    .isEqualTo(1);
            assertThatThrownBy(() -> s.execute("INSERT INTO odd (size) VALUES ('XL')")).hasMessageContaining("CHECK");
            assertThatThrownBy(() -> s.execute("INSERT INTO owner (email) VALUES ('a@example.com')")).hasMessageContaining("UNIQUE");
        }
    }

    @Test
    void columnsTheTargetCannotHoldAreRefusedByNameWithNothingWritten() throws Exception {
        String source = TestPostgres.createDatabase("outrefuse");
        TestPostgres.execute(source, "CREATE TABLE fine (id int PRIMARY KEY); CREATE TABLE odd (id int PRIMARY KEY, tags int[], span interval,"
                + " spot point, during tstzrange, amount numeric(70,2)); INSERT INTO fine VALUES (1)");
        String maria = TestMariaDb.createDatabase("outrefuse");
        assertThatThrownBy(() -> copy(TestPostgres.url(source), TestMariaDb.url(maria), verified(), new ArrayList<>()))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
                .hasMessageContaining("MySQL/MariaDB has no type for these 5 columns of the source")
                .hasMessageContaining("public.odd.tags (integer[]: an array)")
                .hasMessageContaining("public.odd.span (interval: an interval)")
                .hasMessageContaining("public.odd.spot (point: a geometric type)")
                .hasMessageContaining("public.odd.during (tstzrange: a range)")
                .hasMessageContaining("public.odd.amount (numeric(70,2): beyond MariaDB's DECIMAL")
                .hasMessageContaining("nothing was written");
        try (Connection c = TestMariaDb.connect(maria); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = database()")).isZero();
        }
        assertThatThrownBy(() -> copy(TestPostgres.url(source), sqliteUrl("refused.db"), verified(), new ArrayList<>()))
                .isInstanceOf(FerryException.class)
                .hasMessageContaining("SQLite has no type for these 4 columns")
                .hasMessageContaining("public.odd.tags (integer[]: an array)")
                .hasMessageContaining("public.odd.span (interval: an interval)");
        try (Connection c = sqlite("refused.db"); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM sqlite_master")).isZero();
        }
    }

    @Test
    void aTargetWhoseTablesHoldRowsIsRefusedWithoutTruncate() throws Exception {
        String target = TestMariaDb.createDatabase("outfull");
        copy(TestPostgres.url(chinook), TestMariaDb.url(target), verified(), new ArrayList<>());
        CopyOptions dataOnly = new CopyOptions(2, List.of(), false, true, false, false, true);
        assertThatThrownBy(() -> copy(TestPostgres.url(chinook), TestMariaDb.url(target), dataOnly, new ArrayList<>()))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("--truncate")))
                .hasMessageContaining("already hold rows");
        assertThatThrownBy(() -> copy(TestPostgres.url(chinook), TestMariaDb.url(target), verified(), new ArrayList<>()))
                .isInstanceOf(FerryException.class).hasMessageContaining("is not empty");
        CopyResult again = copy(TestPostgres.url(chinook), TestMariaDb.url(target), new CopyOptions(2, List.of(), false, true, true, false, true),
                new ArrayList<>());
        assertThat(again.rows()).isEqualTo(CHINOOK_ROWS);
        try (Connection pg = TestPostgres.connect(chinook); Connection maria = TestMariaDb.connect(target)) {
            assertThat(contents(maria, CHINOOK_TABLES)).isEqualTo(contents(pg, CHINOOK_TABLES));
        }
    }

    @Test
    void aValueMariaDbCannotHoldStopsTheCopyNamingTheTableWithNothingOfItLoaded() throws Exception {
        String source = TestPostgres.createDatabase("outinfinity");
        TestPostgres.execute(source, "CREATE TABLE a_first (id int PRIMARY KEY); INSERT INTO a_first VALUES (1), (2);"
                + " CREATE TABLE events (id int PRIMARY KEY, at timestamp); INSERT INTO events SELECT g, '2024-01-01'::timestamp + g * interval '1 s'"
                + " FROM generate_series(1, 5000) g; UPDATE events SET at = 'infinity' WHERE id = 4000");
        String target = TestMariaDb.createDatabase("outinfinity");
        assertThatThrownBy(() -> copy(TestPostgres.url(source), TestMariaDb.url(target), verified(), new ArrayList<>()))
                .isInstanceOfSatisfying(FerryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.STEP_FAILED);
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("MariaDB's DATETIME", "--resume"));
                })
                .hasMessageContaining("events").hasMessageContaining("Data truncated for column 'at'");
        try (Connection c = TestMariaDb.connect(target); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM events")).as("the load rolled back whole").isZero();
            assertThat(scalar(s, "SELECT COUNT(*) FROM a_first")).isEqualTo(2);
            assertThat(scalar(s, "SELECT COUNT(*) FROM ferry_copy_state WHERE table_name = 'a_first' AND rows_copied = 2")).isEqualTo(1);
            assertThat(scalar(s, "SELECT COUNT(*) FROM ferry_copy_state WHERE table_name = 'events' AND checksum IS NULL")).isEqualTo(1);
        }
    }

    @Test
    void schemaOnlyThenDataOnlyOfSomeTablesIntoSqlite() throws Exception {
        CopyResult schema = copy(TestPostgres.url(chinook), sqliteUrl("parts.db"), new CopyOptions(2, List.of(), true, false, false, false, false),
                new ArrayList<>());
        assertThat(schema.rows()).isZero();
        CopyResult data = copy(TestPostgres.url(chinook), sqliteUrl("parts.db"),
                new CopyOptions(2, List.of("artist", "public.album"), false, true, false, false, true), new ArrayList<>());
        assertThat(data.tables()).extracting(CopyResult.TableCopy::table, CopyResult.TableCopy::rows)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("artist", 275L), org.assertj.core.groups.Tuple.tuple("album", 347L));
        try (Connection lite = sqlite("parts.db"); Statement s = lite.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM track")).isZero();
            assertThat(scalar(s, "SELECT COUNT(*) FROM pragma_foreign_key_list('track')")).isEqualTo(3);
        }
        String source = TestPostgres.createDatabase("outdataonly");
        TestPostgres.execute(source, "CREATE TABLE owner (id serial PRIMARY KEY, email text NOT NULL); INSERT INTO owner (email) VALUES ('a'), ('b')");
        try (Connection lite = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("own.db")); Statement s = lite.createStatement()) {
            s.execute("CREATE TABLE owner (id INTEGER PRIMARY KEY, email TEXT NOT NULL)"); // no AUTOINCREMENT: no sqlite_sequence
        }
        copy(TestPostgres.url(source), sqliteUrl("own.db"), new CopyOptions(1, List.of(), false, true, false, false, true), new ArrayList<>());
        try (Connection lite = sqlite("own.db"); Statement s = lite.createStatement()) {
            s.execute("INSERT INTO owner (email) VALUES ('c')");
            assertThat(scalar(s, "SELECT id FROM owner WHERE email = 'c'")).isEqualTo(3);
        }
    }

    @Test
    void aCopyKilledAfterItsThirdTableIsFinishedByResume() throws Exception {
        for (String kind : List.of("mariadb", "sqlite")) {
            String target = kind.equals("mariadb") ? TestMariaDb.url(TestMariaDb.createDatabase("outkilled")) : sqliteUrl("killed.db");
            CliRun killed = CliRun.process(dir, Map.of("FERRY_FAULT", "copy.out.after-table:3"), "copy", "--from", TestPostgres.url(chinook), "--to", target);
            assertThat(killed.exit()).as(killed.all()).isEqualTo(137);
            CliRun plain = CliRun.process(dir, Map.of(), "copy", "--from", TestPostgres.url(chinook), "--to", target);
            assertThat(plain.exit()).as(plain.all()).isEqualTo(2);
            assertThat(plain.err()).contains("holds an unfinished copy", "3 of 11 parts copied", "--resume");
            CliRun resumed = CliRun.process(dir, Map.of(), "copy", "--from", TestPostgres.url(chinook), "--to", target, "--resume", "--verify");
            assertThat(resumed.exit()).as(resumed.all()).isZero();
            assertThat(resumed.err()).contains("3 of 11 tables were copied by an earlier run and are kept");
            try (Connection pg = TestPostgres.connect(chinook);
                 Connection copied = kind.equals("mariadb") ? TestMariaDb.connect(target.substring(target.lastIndexOf('/') + 1)) : sqlite("killed.db")) {
                assertThat(contents(copied, CHINOOK_TABLES)).as(kind).isEqualTo(contents(pg, CHINOOK_TABLES));
            }
        }
    }
}
