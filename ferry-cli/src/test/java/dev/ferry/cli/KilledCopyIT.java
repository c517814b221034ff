package dev.ferry.cli;

import dev.ferry.backup.BackupService;
import dev.ferry.backup.Manifest;
import dev.ferry.connect.DatabaseUrl;
import dev.ferry.postgres.PostgresDialect;
import dev.ferry.report.Progress;
import dev.ferry.spi.Database;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.ferry.testkit.Sql.scalar;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ferry copy killed at each moment that matters (five named fault points) and at five random ones:
 * the next run with --resume says what it keeps, finishes, and the target then equals the source
 * table for table, with no row copied twice: ten kills in all, of a copy of 2,000,000 rows plus Chinook.
 */
class KilledCopyIT {
    private static final List<String> FAULTS = List.of("copy.after-schema", "stream.after-table-loaded", "stream.after-table-loaded:7",
            "copy.before-post-data", "copy.after-post-data");
    private static String source;
    private static Map<String, String> sourceChecksums;

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    @BeforeAll
    static void source() {
        source = TestPostgres.createChinookDatabase("killcopysrc");
        TestPostgres.execute(source, "CREATE TABLE big (id bigint PRIMARY KEY, v text); INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, 2000000) g; ANALYZE");
        sourceChecksums = checksums(source, shared.resolve("source"));
    }

    @Test
    void killedAtEachFaultPointResumeFinishesWithNothingCopiedTwice() throws Exception {
        for (String fault : FAULTS) {
            String target = TestPostgres.createDatabase("killcopy");
            CliRun killed = CliRun.process(dir, Map.of("FERRY_FAULT", fault), "copy", "--from", TestPostgres.url(source), "--to", TestPostgres.url(target));
            assertThat(killed.exit()).as(fault + ": " + killed.all()).isEqualTo(137);

            CliRun plain = CliRun.process(dir, Map.of(), "copy", "--from", TestPostgres.url(source), "--to", TestPostgres.url(target));
            assertThat(plain.exit()).as(fault + ": without --resume: " + plain.all()).isEqualTo(2);
            assertThat(plain.err()).as(fault).contains("holds an unfinished copy", "--resume");

            CliRun resumed = CliRun.process(dir, Map.of(), "copy", "--from", TestPostgres.url(source), "--to", TestPostgres.url(target), "--resume");
            assertThat(resumed.exit()).as(fault + ": " + resumed.all()).isZero();
            assertThat(resumed.err()).as(fault).contains("resuming the copy into", "were copied by an earlier run and are kept");
            assertThat(resumed.out()).as(fault).contains("Copied (resumed)");
            assertEqualToSource(target, fault);
        }
    }

    @Test
    void killedAfterTheCopyEndedResumeFindsItDoneAndRefusesATargetChangedSince() throws Exception {
        String target = TestPostgres.createDatabase("killcopydone");
        CliRun killed = CliRun.process(dir, Map.of("FERRY_FAULT", "copy.after-finish"), "copy", "--from", TestPostgres.url(source), "--to",
                TestPostgres.url(target));
        assertThat(killed.exit()).as(killed.all()).isEqualTo(137);
        assertEqualToSource(target, "killed after its checkpoints were dropped");

        CliRun plain = CliRun.process(dir, Map.of(), "copy", "--from", TestPostgres.url(source), "--to", TestPostgres.url(target));
        assertThat(plain.exit()).as(plain.all()).isEqualTo(2);
        assertThat(plain.err()).contains("is not empty", "nothing was changed");

        CliRun resumed = CliRun.process(dir, Map.of(), "copy", "--from", TestPostgres.url(source), "--to", TestPostgres.url(target), "--resume");
        assertThat(resumed.exit()).as(resumed.all()).isZero();
        assertThat(resumed.err()).contains("had already finished", "read back with the source's checksums", "nothing was copied again");
        assertThat(resumed.out()).contains("Copied (resumed)", "2015607 rows", "read back");
        assertEqualToSource(target, "resumed after it had finished");

        TestPostgres.execute(target, "UPDATE big SET v = 'changed' WHERE id = 7");
        CliRun changed = CliRun.process(dir, Map.of(), "copy", "--from", TestPostgres.url(source), "--to", TestPostgres.url(target), "--resume");
        assertThat(changed.exit()).as(changed.all()).isEqualTo(2);
        assertThat(changed.err()).contains("no longer holds what it loaded", "public.big: reads back with checksum", "is not empty");
    }

    @Test
    void killMinus9AtRandomMomentsThenResumeFinishes() throws Exception {
        Random random = new Random(Long.getLong("ferry.kill.seed", System.nanoTime()));
        for (int i = 0; i < 5; i++) {
            String target = TestPostgres.createDatabase("killcopyrandom");
            Process p = new ProcessBuilder("setsid", java(), "-jar", jar(), "copy", "--from", TestPostgres.url(source), "--to", TestPostgres.url(target))
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("killed-" + i + ".log").toFile()).start();
            Thread.sleep(800 + random.nextInt(3000));
            new ProcessBuilder("kill", "-9", "--", "-" + p.pid()).inheritIO().start().waitFor();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            if (p.exitValue() == 0) {
                assertEqualToSource(target, "finished before the kill");
                continue;
            }
            CliRun resumed = CliRun.process(dir, Map.of(), "copy", "--from", TestPostgres.url(source), "--to", TestPostgres.url(target), "--resume");
            assertThat(resumed.exit()).as("random kill " + i + ": " + resumed.all()).isZero();
            assertEqualToSource(target, "random kill " + i);
        }
    }

    private void assertEqualToSource(String target, String when) throws Exception {
        assertThat(checksums(target, dir.resolve("check-" + target))).as(when + ": the target equals the source, table for table").isEqualTo(sourceChecksums);
        try (Connection c = TestPostgres.connect(target); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(DISTINCT id) FROM big")).as(when + ": no row twice").isEqualTo(2000000);
            assertThat(scalar(s, "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'ferry_copy_state'")).as(when).isZero();
        }
    }

    static Map<String, String> checksums(String db, Path out) {
        try (Database d = new PostgresDialect().open(DatabaseUrl.parse(TestPostgres.url(db)))) {
            return new BackupService(out, 2, Progress.NONE).backup(d).manifest().tables().stream()
                    .collect(Collectors.toMap(Manifest.TableEntry::qualifiedName, t -> t.rows() + ":" + t.checksum()));
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        return Path.of(System.getProperty("user.dir"), "target", "ferry.jar").toString();
    }
}
