package dev.ferry.sqlite;

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
import dev.ferry.testkit.Chinook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.ferry.testkit.ManifestChecksums.checksums;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Backup → verify → restore of SQLite files, awkward values, damaged backups, and restores that refuse or replace. */
class SqliteBackupIT {
    private static final SqliteDialect SQLITE = new SqliteDialect();

    @TempDir
    Path dir;

    private static Database open(Path file) {
        return SQLITE.open(DatabaseUrl.parse("sqlite:" + file + "?create=true"));
    }

    private BackupResult backup(Path file) {
        return backup(file, "backups");
    }

    /** Into its own directory under the test's: backups are named by the second. */
    private BackupResult backup(Path file, String out) {
        try (Database db = open(file)) {
            return new BackupService(dir.resolve(out), 2, Progress.NONE).backup(db);
        }
    }

    private static VerifyResult verify(Path backup) {
        try (Database scratch = SQLITE.shadow(0)) {
            return new VerifyService(1, Progress.NONE).verify(backup, scratch);
        }
    }

    private static RestoreResult restore(Path backup, Path target) {
        try (Database db = open(target)) {
            return new RestoreService(1, Progress.NONE).restore(backup, db);
        }
    }

    private static void execute(Path file, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Every value of every table as SQLite quotes it, with its storage class: what "the same data" means here. */
    private static List<String> dump(Path file) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("select name from sqlite_schema where type = 'table' order by name")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            for (String t : tables) {
                try (ResultSet r = s.executeQuery("select * from \"" + t.replace("\"", "\"\"") + "\" order by 1")) {
                    int n = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        StringBuilder row = new StringBuilder(t);
                        for (int i = 1; i <= n; i++) {
                            Object v = r.getObject(i);
                            row.append(" | ").append(v == null ? "NULL" : v.getClass().getSimpleName() + ":"
                                    + (v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : v));
                        }
                        out.add(row.toString());
                    }
                }
            }
            try (ResultSet r = s.executeQuery("pragma user_version")) {
                out.add("user_version " + (r.next() ? r.getInt(1) : -1));
            }
        }
        return out;
    }

    @Test
    void chinookIsBackedUpVerifiedAndRestoredWithEqualCountsAndChecksums() throws Exception {
        Path source = Chinook.sqliteCopy(dir);
        BackupResult backup = backup(source);
        Manifest manifest = backup.manifest();
        assertThat(backup.path().getFileName().toString()).startsWith("chinook.sqlite-");
        assertThat(manifest.format()).isEqualTo("sqlite");
        assertThat(manifest.checksum()).isEqualTo("xxh64-sum-sqlite-values");
        assertThat(Chinook.folded(manifest.tables().stream().collect(Collectors.toMap(Manifest.TableEntry::name, Manifest.TableEntry::rows))))
                .isEqualTo(Chinook.COUNTS);
        assertThat(backup.path().resolve("database.sqlite.zst")).isRegularFile();
        assertThat(backup.path().resolve("database.sqlite")).doesNotExist();
        assertThat(backup.path().resolve("README.txt")).content().contains("zstd -d database.sqlite.zst -o NEW.db", "PRAGMA integrity_check");
        assertThat(Files.size(backup.path().resolve("database.sqlite.zst"))).isLessThan(Files.size(source) / 2);

        VerifyResult verified = verify(backup.path());
        assertThat(verified.passed()).as(verified.toString()).isTrue();
        assertThat(verified.tables()).hasSize(11);
        assertThat(Manifest.read(backup.path()).verified()).isTrue();

        Path target = dir.resolve("restored.db");
        RestoreResult restored = restore(backup.path(), target);
        assertThat(restored.tables()).isEqualTo(11);
        assertThat(restored.rows()).isEqualTo(15607);
        assertThat(dump(target)).isEqualTo(dump(source));
        assertThat(checksums(backup(target, "again").manifest())).isEqualTo(checksums(manifest));
        assertThat(dir).isDirectoryNotContaining("glob:**.ferry-restore");
    }

    @Test
    void awkwardValuesSurviveAndTheChecksumTellsThemApart() throws Exception {
        Path source = dir.resolve("awkward.db");
        execute(source,
                "create table mixed (id integer primary key, anything, i integer, r real, t text, b blob, g integer generated always as (i * 2))",
                "insert into mixed (id, anything, i, r, t, b) values"
                        + " (1, null, null, null, null, null),"
                        + " (2, 42, 'not a number', 1, 17, x''),"
                        + " (3, 4.5, 9223372036854775807, -0.0, '', x'00ff'),"
                        + " (4, 'ünïcødé 😀', -9223372036854775808, 1e308, 'línea\nnueva', cast('text' as blob)),"
                        + " (5, x'', 7, 2.5, cast(x'ff' as text), zeroblob(3))",
                "create table \"odd \"\"name\"\"\" (k text primary key, v) without rowid",
                "insert into \"odd \"\"name\"\"\" values ('a', 1), ('b', null)",
                "create table empty_blob (v)", "insert into empty_blob values (x'')",
                "create table null_value (v)", "insert into null_value values (null)",
                "create table empty_text (v)", "insert into empty_text values ('')",
                "pragma user_version = 7");
        BackupResult backup = backup(source);
        Map<String, String> sums = checksums(backup.manifest());
        assertThat(sums.get("empty_blob")).isNotEqualTo(sums.get("null_value")).isNotEqualTo(sums.get("empty_text"));
        assertThat(sums.get("null_value")).isNotEqualTo(sums.get("empty_text"));
        assertThat(backup.manifest().tables().stream().filter(t -> t.name().equals("mixed")).findFirst().orElseThrow().columns())
                .containsExactly("id", "anything", "i", "r", "t", "b");
        assertThat(verify(backup.path()).passed()).isTrue();

        Path target = dir.resolve("awkward-restored.db");
        restore(backup.path(), target);
        assertThat(dump(target)).isEqualTo(dump(source)).contains("user_version 7");
        assertThat(checksums(backup(target, "again").manifest())).isEqualTo(sums);
    }

    @Test
    void theChecksumDependsOnTheValuesNotOnRowOrderOrPageSize() throws Exception {
        Path ascending = dir.resolve("ascending.db");
        execute(ascending, "pragma page_size = 4096", "create table t (id integer primary key, v text)",
                "with recursive n(i) as (select 1 union all select i + 1 from n where i < 500) insert into t select i, 'row ' || i from n");
        Path descending = dir.resolve("descending.db");
        execute(descending, "pragma page_size = 1024", "create table t (id integer, v text)",
                "with recursive n(i) as (select 500 union all select i - 1 from n where i > 1) insert into t select i, 'row ' || i from n");
        Path changed = dir.resolve("changed.db");
        execute(changed, "create table t (id integer primary key, v text)",
                "with recursive n(i) as (select 1 union all select i + 1 from n where i < 500) insert into t select i, 'row ' || i from n",
                "update t set v = 'row 7!' where id = 7");
        String sum = checksums(backup(ascending, "a").manifest()).get("t");
        assertThat(checksums(backup(descending, "d").manifest()).get("t")).isEqualTo(sum);
        assertThat(checksums(backup(changed, "c").manifest()).get("t")).isNotEqualTo(sum).startsWith("500:");
    }

    @Test
    void aDamagedBackupFailsVerifySayingWhatIsWrong() throws Exception {
        Path source = Chinook.sqliteCopy(dir);
        Path truncated = backup(source).path();
        Path file = truncated.resolve("database.sqlite.zst");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        VerifyResult r = verify(truncated);
        assertThat(r.passed()).isFalse();
        assertThat(r.problem()).contains("database.sqlite.zst cannot be decompressed", "truncated or changed");
        assertThat(Manifest.read(truncated).verified()).isFalse();

        Path flipped = backup(source, "flipped").path();
        file = flipped.resolve("database.sqlite.zst");
        bytes = Files.readAllBytes(file);
        bytes[bytes.length / 3] ^= 0x10;
        Files.write(file, bytes);
        assertThat(verify(flipped).problem()).contains("database.sqlite.zst cannot be decompressed");

        Path deleted = backup(source, "deleted").path();
        Files.delete(deleted.resolve("database.sqlite.zst"));
        assertThat(verify(deleted).problem()).contains("database.sqlite.zst is missing");

        Path broken = backup(source, "broken").path();
        Path plain = dir.resolve("plain.db");
        try (java.io.InputStream in = new com.github.luben.zstd.ZstdInputStream(Files.newInputStream(broken.resolve("database.sqlite.zst")))) {
            Files.copy(in, plain);
        }
        bytes = Files.readAllBytes(plain);
        for (int i = 0; i < 64; i++) {
            bytes[bytes.length / 2 + i * 13] ^= 0x5a; // inside a b-tree page: decompresses fine, is no longer a sound database
        }
        try (java.io.OutputStream out = new com.github.luben.zstd.ZstdOutputStream(Files.newOutputStream(broken.resolve("database.sqlite.zst")))) {
            out.write(bytes);
        }
        VerifyResult unsound = verify(broken);
        assertThat(unsound.passed()).isFalse();
        assertThat(unsound.problem()).contains("the database file in the backup is damaged");

        Path tampered = backup(source, "tampered").path();
        Manifest m = Manifest.read(tampered);
        List<Manifest.TableEntry> tables = m.tables().stream().map(t -> !t.name().equals("Track") ? t
                : new Manifest.TableEntry(t.schema(), t.name(), t.columns(), t.rows() - 1, t.bytes(), t.checksum(), t.parts())).toList();
        new Manifest(m.ferry(), m.format(), m.dialect(), m.server(), m.serverMajor(), m.database(), m.url(), m.startedAt(), m.finishedAt(),
                m.checksum(), tables, List.of()).write(tampered);
        VerifyResult differs = verify(tampered);
        assertThat(differs.passed()).isFalse();
        assertThat(differs.tables().stream().filter(t -> !t.matches()).map(VerifyResult.TableCheck::table)).containsExactly("Track");

        FerryException refused = catchThrowableOfType(FerryException.class, () -> restore(tampered, dir.resolve("never.db")));
        assertThat(refused.code()).isEqualTo(ErrorCode.STEP_FAILED);
        assertThat(refused.getMessage()).contains("Track: 3503 rows", "the backup is damaged", "was not changed");
    }

    @Test
    void restoreRefusesATargetThatHoldsTablesAndChangesNothing() throws Exception {
        Path backup = backup(Chinook.sqliteCopy(dir)).path();
        Path target = dir.resolve("busy.db");
        execute(target, "create table keep_me (id int)", "insert into keep_me values (1)");
        byte[] before = Files.readAllBytes(target);
        FerryException e = catchThrowableOfType(FerryException.class, () -> restore(backup, target));
        assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(e.getMessage()).contains("is not empty", "keep_me", "nothing was changed");
        assertThat(Files.readAllBytes(target)).isEqualTo(before);
    }

    @Test
    void cleanTakesASafetyBackupAndReplacesWhatAnOpenConnectionThenSees() throws Exception {
        Path backup = backup(Chinook.sqliteCopy(dir)).path();
        Path target = dir.resolve("app.db");
        execute(target, "create table keep_me (id int)", "insert into keep_me values (1), (2)");
        List<String> notes = new ArrayList<>();
        RestoreResult r;
        try (Connection app = DriverManager.getConnection("jdbc:sqlite:" + target); Statement s = app.createStatement()) {
            try (ResultSet rs = s.executeQuery("select count(*) from keep_me")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            try (Database db = open(target)) {
                r = new CleanRestore(1, Progress.NONE, dir.resolve("safety"), dir.resolve(".ferry/restores"), true, notes::add).restore(backup, db);
            }
            try (ResultSet rs = s.executeQuery("select count(*) from Track")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the application's open connection sees the restored file").isEqualTo(3503);
            }
        }
        assertThat(r.rows()).isEqualTo(15607);
        assertThat(r.safetyBackup()).isNotNull();
        assertThat(notes).anyMatch(n -> n.contains("no sessions to end")).anyMatch(n -> n.contains("safety backup"));
        Manifest safety = Manifest.read(Path.of(r.safetyBackup()));
        assertThat(checksums(safety)).containsOnlyKeys("keep_me");
        assertThat(safety.tables().get(0).rows()).isEqualTo(2);
        assertThat(dump(target)).isEqualTo(dump(dir.resolve("chinook.sqlite")));

        Path again = dir.resolve("again.db");
        restore(Path.of(r.safetyBackup()), again);
        assertThat(dump(again)).containsExactly("keep_me | Integer:1", "keep_me | Integer:2", "user_version 0");
    }

    @Test
    void cleanRefusesATargetAnotherProcessIsWritingToAndChangesNothing() throws Exception {
        Path backup = backup(Chinook.sqliteCopy(dir)).path();
        Path target = dir.resolve("written.db");
        execute(target, "create table keep_me (id int)");
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + target); Statement s = writer.createStatement()) {
            s.execute("begin immediate");
            s.execute("insert into keep_me values (1)");
            FerryException e;
            try (Database db = open(target)) {
                e = catchThrowableOfType(FerryException.class, () -> new CleanRestore(1, Progress.NONE, dir.resolve("safety"),
                        dir.resolve(".ferry/restores"), true, n -> { }).restore(backup, db));
            }
            assertThat(e.code()).isEqualTo(ErrorCode.LOCKED);
            assertThat(e.getMessage()).contains("another process is writing to", "changed nothing");
            s.execute("commit");
        }
        assertThat(dump(target)).containsExactly("keep_me | Integer:1", "user_version 0");
        assertThat(dir.resolve("safety")).doesNotExist();
    }

    @Test
    void anEmptyTargetAnotherProcessIsWritingToIsRefusedWithALockError() throws Exception {
        Path backup = backup(Chinook.sqliteCopy(dir)).path();
        Path target = dir.resolve("empty.db");
        execute(target, "pragma user_version = 3");
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + target); Statement s = writer.createStatement()) {
            s.execute("begin immediate");
            s.execute("pragma user_version = 4");
            FerryException e = catchThrowableOfType(FerryException.class, () -> restore(backup, target));
            assertThat(e.code()).isEqualTo(ErrorCode.LOCKED);
            s.execute("rollback");
        }
        assertThat(dump(target)).containsExactly("user_version 3");
        assertThat(dir).isDirectoryNotContaining("glob:**.ferry-restore");
    }

    /** In WAL mode others write while the backup reads its snapshot; the restore goes into a WAL file of another page size as well. */
    @Test
    void walFilesAreBackedUpWhileWrittenAndRestoredInto() throws Exception {
        Path source = Chinook.sqliteCopy(dir);
        execute(source, "pragma journal_mode = wal");
        BackupResult backup;
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + source); Statement s = writer.createStatement()) {
            s.execute("begin immediate");
            s.execute("insert into Genre (GenreId, Name) values (999, 'uncommitted')");
            backup = backup(source);
            s.execute("commit");
        }
        assertThat(backup.manifest().tables().stream().filter(t -> t.name().equals("Genre")).findFirst().orElseThrow().rows()).isEqualTo(25);
        assertThat(verify(backup.path()).passed()).isTrue();

        Path target = dir.resolve("wal.db");
        execute(target, "pragma page_size = 1024", "pragma journal_mode = wal", "create table keep_me (id int)");
        try (Database db = open(target)) {
            new CleanRestore(1, Progress.NONE, dir.resolve("safety"), dir.resolve(".ferry/restores"), false, n -> { }).restore(backup.path(), db);
        }
        assertThat(checksums(backup(target, "again").manifest())).isEqualTo(checksums(backup.manifest()));
    }
}
