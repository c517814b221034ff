package dev.ferry.postgres;

import dev.ferry.backup.BackupResult;
import dev.ferry.backup.BackupService;
import dev.ferry.backup.Manifest;
import dev.ferry.backup.RestoreResult;
import dev.ferry.backup.RestoreService;
import dev.ferry.backup.VerifyResult;
import dev.ferry.backup.VerifyService;
import dev.ferry.connect.DatabaseUrl;
import dev.ferry.error.FerryException;
import dev.ferry.report.Progress;
import dev.ferry.spi.Database;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import static dev.ferry.testkit.ManifestChecksums.checksums;
import static dev.ferry.testkit.Sql.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Backup → verify → restore of Chinook on PostgreSQL, and damaged backups found by verify. */
class PostgresBackupIT {
    @TempDir
    Path dir;

    private static Database open(String db) {
        return new PostgresDialect().open(DatabaseUrl.parse(TestPostgres.url(db)));
    }

    private BackupResult backup(String db) {
        try (Database source = open(db)) {
            return new BackupService(dir, 2, Progress.NONE).backup(source);
        }
    }

    @Test
    void chinookIsBackedUpVerifiedAndRestoredWithEqualCountsAndChecksums() throws Exception {
        String source = TestPostgres.createChinookDatabase("backup");
        BackupResult backup = backup(source);
        Manifest manifest = backup.manifest();
        assertThat(backup.path().getFileName().toString()).startsWith(source + "-");
        assertThat(manifest.tables()).hasSize(11);
        assertThat(manifest.tables().stream().filter(t -> t.name().equals("invoice_line")).findFirst().orElseThrow().rows()).isEqualTo(2240);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));

        VerifyResult verified;
        try (Database scratch = open(TestPostgres.createDatabase("scratch"))) {
            verified = new VerifyService(2, Progress.NONE).verify(backup.path(), scratch);
        }
        assertThat(verified.passed()).as(verified.toString()).isTrue();
        assertThat(Manifest.read(backup.path()).verified()).isTrue();

        String target = TestPostgres.createDatabase("restored");
        RestoreResult restored;
        try (Database t = open(target)) {
            restored = new RestoreService(2, Progress.NONE).restore(backup.path(), t);
        }
        assertThat(restored.rows()).isEqualTo(manifest.tables().stream().mapToLong(Manifest.TableEntry::rows).sum());
        BackupResult again = backup(target);
        assertThat(checksums(again.manifest())).isEqualTo(checksums(manifest));
        try (Connection c = TestPostgres.connect(target); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM information_schema.table_constraints WHERE constraint_type = 'FOREIGN KEY'"))
                    .as("foreign keys come back after the data").isEqualTo(11);
        }
    }

    @Test
    void aTargetThatIsNotEmptyIsRefusedAndKeptAsItWas() {
        String source = TestPostgres.createChinookDatabase("backupne");
        BackupResult backup = backup(source);
        try (Database t = open(source)) {
            FerryException refused = catchThrowableOfType(FerryException.class, () -> new RestoreService(1, Progress.NONE).restore(backup.path(), t));
            assertThat(refused.exitCode().code()).isEqualTo(2);
            assertThat(refused.getMessage()).contains("not empty", "nothing was changed");
        }
    }

    @Test
    void damagedBackupsFailVerifyNamingTheTable() throws Exception {
        String source = TestPostgres.createChinookDatabase("backupbad");
        for (String damage : new String[] {"truncate", "flip", "delete"}) {
            Path out = Files.createDirectories(dir.resolve(damage));
            BackupResult backup;
            try (Database s = open(source)) {
                backup = new BackupService(out, 1, Progress.NONE).backup(s);
            }
            Manifest.TableEntry track = backup.manifest().tables().stream().filter(t -> t.name().equals("track")).findFirst().orElseThrow();
            Path file = backup.path().resolve(track.parts().get(0).file());
            byte[] bytes = Files.readAllBytes(file);
            switch (damage) {
                case "truncate" -> Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
                case "flip" -> {
                    bytes[bytes.length / 2] ^= 0x01;
                    Files.write(file, bytes);
                }
                default -> Files.delete(file);
            }
            VerifyResult verified;
            try (Database scratch = open(TestPostgres.createDatabase("scratchbad"))) {
                verified = new VerifyService(1, Progress.NONE).verify(backup.path(), scratch);
            }
            assertThat(verified.passed()).as(damage).isFalse();
            assertThat(verified.problem()).as(damage).contains("public.track");
            assertThat(Manifest.read(backup.path()).verified()).isFalse();
        }
    }

    @Test
    void aLargeTableIsReadAndRestoredInKeyRangesWithTheSameChecksumAsWhole() throws Exception {
        String source = TestPostgres.createDatabase("ranges");
        TestPostgres.execute(source, "CREATE TABLE big (id bigint PRIMARY KEY, v text); INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, 600000) g;"
                + " CREATE TABLE heap (v text); INSERT INTO heap SELECT md5(g::text) FROM generate_series(1, 600000) g; ANALYZE");
        BackupResult backup = backup(source);
        Manifest.TableEntry big = backup.manifest().tables().stream().filter(t -> t.name().equals("big")).findFirst().orElseThrow();
        assertThat(big.parts()).as("split for 2 jobs").hasSize(4);
        assertThat(big.parts().stream().mapToLong(Manifest.Part::rows).sum()).isEqualTo(600000).isEqualTo(big.rows());
        assertThat(backup.manifest().tables().stream().filter(t -> t.name().equals("heap")).findFirst().orElseThrow().parts())
                .as("no integer key: read whole").hasSize(1);
        Manifest whole;
        try (Database s = open(source)) {
            whole = new BackupService(dir.resolve("whole"), 1, Progress.NONE).backup(s).manifest();
        }
        assertThat(checksums(whole)).as("one session, no ranges: the same checksums").isEqualTo(checksums(backup.manifest()));

        String target = TestPostgres.createDatabase("rangesback");
        try (Database t = open(target)) {
            new RestoreService(2, Progress.NONE).restore(backup.path(), t);
        }
        try (Connection c = TestPostgres.connect(target); Statement st = c.createStatement()) {
            assertThat(scalar(st, "SELECT COUNT(DISTINCT id) FROM big")).isEqualTo(600000);
        }
    }
}
