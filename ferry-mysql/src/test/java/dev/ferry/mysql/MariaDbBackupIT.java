package dev.ferry.mysql;

import com.github.luben.zstd.Zstd;
import dev.ferry.backup.BackupResult;
import dev.ferry.backup.BackupService;
import dev.ferry.backup.CleanRestore;
import dev.ferry.backup.Manifest;
import dev.ferry.backup.RestoreResult;
import dev.ferry.backup.RestoreService;
import dev.ferry.backup.VerifyResult;
import dev.ferry.backup.VerifyService;
import dev.ferry.connect.DatabaseUrl;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Progress;
import dev.ferry.spi.Database;
import dev.ferry.stream.TableStreams;
import dev.ferry.testkit.Chinook;
import dev.ferry.testkit.TestMariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static dev.ferry.testkit.ManifestChecksums.checksums;
import static dev.ferry.testkit.Sql.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Backup → verify → restore on MariaDB in Ferry's native format (LOAD DATA text streams), and damaged backups found by verify. */
class MariaDbBackupIT {
    @TempDir
    Path dir;

    private static Database open(String db) {
        return new MySqlDialect().open(DatabaseUrl.parse(TestMariaDb.url(db)));
    }

    private BackupResult backup(String db, Path out, int jobs) {
        try (Database source = open(db)) {
            return new BackupService(out, jobs, Progress.NONE).backup(source);
        }
    }

    private static VerifyResult verify(Path backup) {
        try (Database scratch = open(TestMariaDb.createDatabase("scratch"))) {
            return new VerifyService(2, Progress.NONE).verify(backup, scratch);
        }
    }

    private static RestoreResult restore(Path backup, String target) {
        try (Database t = open(target)) {
            return new RestoreService(2, Progress.NONE).restore(backup, t);
        }
    }

    @Test
    void chinookIsBackedUpVerifiedAndRestoredWithEqualCountsAndChecksums() throws Exception {
        String source = TestMariaDb.createChinookDatabase("backup");
        BackupResult backup = backup(source, dir, 2);
        Manifest manifest = backup.manifest();
        assertThat(manifest.dialect()).isEqualTo("MySQL/MariaDB");
        assertThat(manifest.warnings()).isEmpty();
        assertThat(Chinook.folded(manifest.tables().stream().collect(Collectors.toMap(Manifest.TableEntry::name, Manifest.TableEntry::rows))))
                .isEqualTo(new TreeMap<>(Chinook.COUNTS));
        assertThat(manifest.tables().get(0).parts().get(0).file()).endsWith(".tsv.zst");
        assertThat(backup.path().resolve("README.txt")).content().contains("LOAD DATA LOCAL INFILE '/dev/stdin' INTO TABLE \\`Album\\`",
                "mariadb NEWDB < schema.sql", "mariadb NEWDB < post-data.sql");

        VerifyResult verified = verify(backup.path());
        assertThat(verified.passed()).as(verified.toString()).isTrue();
        assertThat(Manifest.read(backup.path()).verified()).isTrue();

        String target = TestMariaDb.createDatabase("restored");
        RestoreResult restored = restore(backup.path(), target);
        assertThat(restored.rows()).isEqualTo(Chinook.COUNTS.values().stream().mapToLong(Long::longValue).sum());
        assertThat(checksums(backup(target, dir.resolve("again"), 1).manifest())).as("one session reads the same").isEqualTo(checksums(manifest));
        try (Connection c = TestMariaDb.connect(target); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM information_schema.table_constraints WHERE table_schema = database()"
                    + " AND constraint_type = 'FOREIGN KEY'")).as("foreign keys come back after the data").isEqualTo(11);
            assertThat(scalar(s, "SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = database() AND index_name <> 'PRIMARY'"))
                    .as("indexes too").isEqualTo(countIndexes(source));
        }
        assertThat(createStatements(target)).as("every table as SHOW CREATE TABLE prints it").isEqualTo(createStatements(source));
    }

    /** Every kind of value whose text form could go wrong: escapes, NULLs, bytes, fractions, zero dates, floats. */
    @Test
    void awkwardValuesComeBackExactlyAndAutoIncrementContinues() throws Exception {
        String source = TestMariaDb.createDatabase("awkward");
        try (Connection c = TestMariaDb.connect(source); Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO'"); // zero dates allowed
            s.execute("CREATE TABLE awkward (id int AUTO_INCREMENT PRIMARY KEY, t text, v varchar(50) CHARACTER SET latin1, b blob, vb varbinary(16),"
                    + " d decimal(30,10), f float, db double, dt datetime(6), ts timestamp(3) NULL, dd date, tm time(2), y year, bt bit(10),"
                    + " e enum('a','b c','ü'), st set('x','y','z'), j json, u bigint unsigned)");
            s.execute("INSERT INTO awkward VALUES"
                    + " (0, 'zero id', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                    + " (1, 'tab\\there\\nnew line\\\\back slash \\\\N not null', 'Müller', x'000A5C090D0A5C4E', x'5C', 12345678901234567890.0123456789,"
                    + " 1.2345678, 0.1e0 + 0.2e0, '2024-02-29 23:59:59.999999', '2024-03-31 01:30:00.125', '0000-00-00', '-838:59:59.99', 1901,"
                    + " b'1000001010', 'b c', 'x,z', '{\"a\": [1, \"\\\\t\"], \"emoji\": \"🚢\"}', 18446744073709551615),"
                    + " (2, '🚢 emoji and 中文 and a trailing backslash \\\\', '', x'', x'00', -0.0000000001, 16777216, 4.9e-324, '0000-00-00 00:00:00', NULL,"
                    + " '2024-00-00', '00:00:00', 0000, b'0000001001', 'ü', '', 'null', 0),"
                    + " (3, '', 'x', x'FF', NULL, 0, -3.40282e38, 1e308, '1000-01-01 00:00:00.000001', '1970-01-01 00:00:01', '9999-12-31', '838:59:59', 2155,"
                    + " b'0', 'a', 'x,y,z', '[]', 1)");
            s.execute("CREATE TABLE legacy (id int PRIMARY KEY, name varchar(20), note text CHARACTER SET utf8mb4) DEFAULT CHARSET = latin1");
            s.execute("INSERT INTO legacy VALUES (1, 'Müller', '🚢')");
            s.execute("INSERT INTO awkward (id) VALUES (100)");
            s.execute("DELETE FROM awkward WHERE id = 100"); // AUTO_INCREMENT now stands at 101, past every row
        }
        BackupResult backup = backup(source, dir, 2);
        assertThat(backup.manifest().tables().get(0).rows()).isEqualTo(4);
        assertThat(backup.manifest().tables().get(1).rows()).isEqualTo(1);
        VerifyResult verified = verify(backup.path());
        assertThat(verified.passed()).as(verified.toString()).isTrue();
        String target = TestMariaDb.createDatabase("awkwardback");
        restore(backup.path(), target);

        assertThat(rows(target)).isEqualTo(rows(source));
        assertThat(createStatements(target)).as("a latin1 table stays latin1 in a utf8mb4 database").isEqualTo(createStatements(source));
        assertThat(checksums(backup(target, dir.resolve("again"), 1).manifest())).isEqualTo(checksums(backup.manifest()));
        try (Connection c = TestMariaDb.connect(target); Statement s = c.createStatement()) {
            s.execute("INSERT INTO awkward (t) VALUES ('new')");
            assertThat(scalar(s, "SELECT id FROM awkward WHERE t = 'new'")).as("ids continue where the source stood").isEqualTo(101);
        }
    }

    @Test
    void aTableOutsideTheSnapshotAndAViewLeftOutAreNamedInTheManifest() throws Exception {
        String source = TestMariaDb.createDatabase("myisam");
        try (Connection c = TestMariaDb.connect(source); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE log (id int PRIMARY KEY, line text) ENGINE = MyISAM");
            s.execute("CREATE TABLE orders (id int PRIMARY KEY) ENGINE = InnoDB");
            s.execute("INSERT INTO log VALUES (1, 'started')");
        }
        TestMariaDb.execute("CREATE VIEW `" + source + "`.recent AS SELECT id FROM `" + source + "`.orders");
        Manifest manifest = backup(source, dir, 1).manifest();
        assertThat(manifest.warnings()).hasSize(2);
        assertThat(manifest.warnings().get(0)).contains("table log (MyISAM) is not in the snapshot");
        assertThat(manifest.warnings().get(1)).contains("1 view recent is not in the backup");
    }

    /** A writer commits a row into both tables at once, all through the backup: two sessions reading one table each see the same rows. */
    @Test
    void twoSessionsReadOneSnapshotWhileAWriterCommits() throws Exception {
        String source = TestMariaDb.createDatabase("snapshot");
        try (Connection c = TestMariaDb.connect(source); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE a (id int PRIMARY KEY)");
            s.execute("CREATE TABLE b (id int PRIMARY KEY)");
        }
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread writer = new Thread(() -> {
            try (Connection c = TestMariaDb.connect(source); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                for (int i = 1; !stop.get(); i++) {
                    s.execute("INSERT INTO a VALUES (" + i + ")");
                    s.execute("INSERT INTO b VALUES (" + i + ")");
                    c.commit();
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        try {
            Thread.sleep(200);
            for (int round = 0; round < 3; round++) {
                Manifest m = backup(source, Files.createDirectories(dir.resolve("round" + round)), 2).manifest();
                assertThat(m.tables()).extracting(Manifest.TableEntry::rows).as("round %d", round).doesNotContain(0L)
                        .containsOnly(m.tables().get(0).rows());
                assertThat(m.tables().get(0).checksum()).isEqualTo(m.tables().get(1).checksum());
            }
        } finally {
            stop.set(true);
            writer.join();
        }
    }

    /** Sessions share a snapshot only under FLUSH TABLES WITH READ LOCK, which needs RELOAD; without it one session reads everything. */
    @Test
    void withoutTheReloadPrivilegeOneSessionReadsEveryTable() throws Exception {
        String source = TestMariaDb.createChinookDatabase("noreload");
        try (Database root = open(source); TableStreams.Reader reader = TableStreams.reader(root, 2)) {
            assertThat(reader.sessions()).as("root may lock: two sessions in one snapshot").isEqualTo(2);
        }
        String user = "ferry_noreload";
        TestMariaDb.execute("CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY 'pw'");
        TestMariaDb.execute("CREATE USER IF NOT EXISTS '" + user + "'@'localhost' IDENTIFIED BY 'pw'");
        TestMariaDb.execute("GRANT SELECT, SHOW VIEW ON `" + source + "`.* TO '" + user + "'@'%', '" + user + "'@'localhost'");
        try {
            var server = TestMariaDb.server();
            DatabaseUrl url = DatabaseUrl.parse("mysql://" + user + ":pw@" + server.host().orElse("127.0.0.1") + ":" + server.port().orElse(3306) + "/" + source);
            try (Database limited = new MySqlDialect().open(url)) {
                try (TableStreams.Reader reader = TableStreams.reader(limited, 2)) {
                    assertThat(reader.sessions()).isEqualTo(1);
                }
                Manifest manifest = new BackupService(dir, 2, Progress.NONE).backup(limited).manifest();
                assertThat(manifest.tables().stream().mapToLong(Manifest.TableEntry::rows).sum()).isEqualTo(15607);
            }
        } finally {
            TestMariaDb.execute("DROP USER IF EXISTS '" + user + "'@'%', '" + user + "'@'localhost'");
        }
    }

    @Test
    void aTargetThatIsNotEmptyIsRefusedAndKeptAsItWas() {
        String source = TestMariaDb.createChinookDatabase("backupne");
        BackupResult backup = backup(source, dir, 1);
        try (Database t = open(source)) {
            FerryException refused = catchThrowableOfType(FerryException.class, () -> new RestoreService(1, Progress.NONE).restore(backup.path(), t));
            assertThat(refused.exitCode().code()).isEqualTo(2);
            assertThat(refused.getMessage()).contains("not empty", "nothing was changed");
        }
    }

    @Test
    void damagedBackupsFailVerifyNamingTheTable() throws Exception {
        String source = TestMariaDb.createChinookDatabase("backupbad");
        for (String damage : new String[] {"truncate", "cut-between-rows", "cut-inside-a-row", "flip"}) {
            BackupResult backup = backup(source, Files.createDirectories(dir.resolve(damage)), 1);
            Manifest.TableEntry track = backup.manifest().tables().stream().filter(t -> t.name().equals("Track")).findFirst().orElseThrow();
            Path file = backup.path().resolve(track.parts().get(0).file());
            byte[] bytes = Files.readAllBytes(file);
            byte[] text = Zstd.decompress(bytes, (int) track.bytes());
            int rowEnd = indexOf(text, (byte) '\n', text.length / 2);
            switch (damage) {
                case "truncate" -> Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
                case "cut-between-rows" -> Files.write(file, Zstd.compress(java.util.Arrays.copyOf(text, rowEnd + 1)));
                case "cut-inside-a-row" -> Files.write(file, Zstd.compress(java.util.Arrays.copyOf(text, rowEnd + 5)));
                default -> {
                    bytes[bytes.length / 2] ^= 0x01;
                    Files.write(file, bytes);
                }
            }
            VerifyResult verified = verify(backup.path());
            assertThat(verified.passed()).as(damage).isFalse();
            assertThat(String.valueOf(verified.problem()) + verified.tables()).as(damage).contains("Track").doesNotContain("Socket error");
            assertThat(Manifest.read(backup.path()).verified()).isFalse();
        }
    }

    @Test
    void restoreCleanEndsTheOpenSessionsAndReplacesTheDatabase() throws Exception {
        String source = TestMariaDb.createChinookDatabase("cleansrc");
        BackupResult backup = backup(source, dir.resolve("backups"), 2);
        String target = TestMariaDb.createDatabase("cleantgt");
        TestMariaDb.execute("ALTER DATABASE `" + target + "` CHARACTER SET latin1 COLLATE latin1_swedish_ci");
        List<Connection> clients = new ArrayList<>();
        try (Connection c = TestMariaDb.connect(target); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE leftover (id int PRIMARY KEY)");
            s.execute("INSERT INTO leftover VALUES (7)");
        }
        try {
            for (int i = 0; i < 5; i++) {
                clients.add(TestMariaDb.connect(target));
            }
            List<String> notes = new ArrayList<>();
            RestoreResult r;
            try (Database t = open(target)) {
                r = new CleanRestore(2, Progress.NONE, dir.resolve("backups"), dir.resolve("journals"), true, notes::add).restore(backup.path(), t);
            }
            assertThat(r.sessionsEnded()).hasSize(5);
            assertThat(notes).anyMatch(n -> n.startsWith("ended 5 sessions on " + target));
            assertThat(r.safetyBackup()).isNotNull();
            assertThat(Manifest.read(Path.of(r.safetyBackup())).tables()).extracting(Manifest.TableEntry::name).containsExactly("leftover");
            assertThat(clients.get(0).isValid(2)).as("the session was ended").isFalse();
            try (Connection c = TestMariaDb.connect(target); Statement s = c.createStatement()) {
                assertThat(scalar(s, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = database()")).isEqualTo(11);
                assertThat(scalar(s, "SELECT COUNT(*) FROM Track")).isEqualTo(3503);
                try (ResultSet defaults = s.executeQuery("SELECT default_collation_name FROM information_schema.schemata WHERE schema_name = database()")) {
                    assertThat(defaults.next()).isTrue();
                    assertThat(defaults.getString(1)).as("the replaced database keeps its default collation").isEqualTo("latin1_swedish_ci");
                }
            }
        } finally {
            for (Connection c : clients) {
                c.close();
            }
        }
    }

    @Test
    void restoreCleanRefusesToDropViewsAndRoutinesNoBackupHoldsUnlessNoSafetyBackup() throws Exception {
        String source = TestMariaDb.createChinookDatabase("keepsrc");
        BackupResult backup = backup(source, dir.resolve("backups"), 1);
        String target = TestMariaDb.createDatabase("keeptgt");
        try (Connection c = TestMariaDb.connect(target); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id int PRIMARY KEY)");
            s.execute("CREATE VIEW v AS SELECT id FROM t");
            s.execute("CREATE PROCEDURE p() SELECT 1");
        }
        FerryException refused;
        try (Database t = open(target)) {
            refused = catchThrowableOfType(FerryException.class, () -> new CleanRestore(1, Progress.NONE, dir.resolve("backups"),
                    dir.resolve("journals"), true, n -> { }).restore(backup.path(), t));
        }
        assertThat(refused.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(refused.getMessage()).contains("restore --clean refused", "1 view v", "1 procedure p", "nothing was changed");
        assertThat(refused.hint()).hasValueSatisfying(h -> assertThat(h).contains("mariadb-dump", "--no-safety-backup"));
        try (Connection c = TestMariaDb.connect(target); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM information_schema.views WHERE table_schema = database()")).isEqualTo(1);
        }

        List<String> notes = new ArrayList<>();
        try (Database t = open(target)) {
            new CleanRestore(1, Progress.NONE, dir.resolve("backups"), dir.resolve("journals"), false, notes::add).restore(backup.path(), t);
        }
        assertThat(notes).anyMatch(n -> n.contains("kept nowhere") && n.contains("1 view v"));
    }

    /** Every row of every column as text MariaDB gives it (HEX for bytes, the float widened), sorted. */
    private static List<String> rows(String db) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = TestMariaDb.connect(db); Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            try (ResultSet r = s.executeQuery("SELECT id, HEX(t), HEX(v), HEX(b), HEX(vb), d, CAST(f AS DOUBLE), db, dt, ts, CAST(dd AS CHAR), tm, y, HEX(bt),"
                    + " e, st, HEX(j), u FROM awkward ORDER BY id")) {
                while (r.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        row.add(r.getString(i));
                    }
                    rows.add(String.join("|", row.stream().map(String::valueOf).toList()));
                }
            }
        }
        assertThat(rows).hasSize(4);
        return rows;
    }

    /** SHOW CREATE TABLE of every table, its AUTO_INCREMENT counter left out (InnoDB moves it past the restored rows). */
    private static Map<String, String> createStatements(String db) throws Exception {
        Map<String, String> statements = new TreeMap<>();
        try (Connection c = TestMariaDb.connect(db); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = database()")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            for (String t : tables) {
                try (ResultSet r = s.executeQuery("SHOW CREATE TABLE `" + t + "`")) {
                    r.next();
                    statements.put(t, r.getString(2).replaceAll(" AUTO_INCREMENT=\\d+", ""));
                }
            }
        }
        return statements;
    }

    private static long countIndexes(String db) throws Exception {
        try (Connection c = TestMariaDb.connect(db); Statement s = c.createStatement()) {
            return scalar(s, "SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = database() AND index_name <> 'PRIMARY'");
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new AssertionError("no newline after " + from);
    }
}
