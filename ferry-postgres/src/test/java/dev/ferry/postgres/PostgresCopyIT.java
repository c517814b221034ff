package dev.ferry.postgres;

import dev.ferry.backup.BackupService;
import dev.ferry.backup.Manifest;
import dev.ferry.connect.DatabaseUrl;
import dev.ferry.copy.CopyOptions;
import dev.ferry.copy.CopyResult;
import dev.ferry.copy.CopyService;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Progress;
import dev.ferry.spi.Database;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.ferry.testkit.Sql.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** ferry copy between two PostgreSQL databases: Chinook whole, a failed copy resumed, and the targets it refuses. */
class PostgresCopyIT {
    private static final String QUERY_FKS = "SELECT COUNT(*) FROM information_schema.table_constraints WHERE constraint_type = 'FOREIGN KEY'";
    private static final String QUERY_INDEXES = "SELECT COUNT(*) FROM pg_indexes WHERE schemaname = 'public'";

    @TempDir
    Path dir;

    private static Database open(String db) {
        return new PostgresDialect().open(DatabaseUrl.parse(TestPostgres.url(db)));
    }

    private static CopyResult copy(String from, String to, CopyOptions options, List<String> notes) {
        try (Database a = open(from); Database b = open(to)) {
            return new CopyService(options, Progress.NONE, notes::add).copy(a, b);
        }
    }

    private Map<String, String> checksums(String db) {
        try (Database d = open(db)) {
            return new BackupService(dir.resolve(db), 1, Progress.NONE).backup(d).manifest().tables().stream()
                    .collect(Collectors.toMap(Manifest.TableEntry::qualifiedName, t -> t.rows() + ":" + t.checksum()));
        }
    }

    @Test
    void chinookIsCopiedWithItsSchemaRowsKeysAndSequences() throws Exception {
        String source = TestPostgres.createChinookDatabase("copysrc");
        String target = TestPostgres.createDatabase("copydst");
        CopyResult r = copy(source, target, new CopyOptions(2, List.of(), false, false, false, false, true), new ArrayList<>());

        assertThat(r.tables()).hasSize(11);
        assertThat(r.verified()).isEqualTo("checksums");
        assertThat(r.rows()).isEqualTo(15607);
        Map<String, String> sourceChecksums = checksums(source);
        assertThat(checksums(target)).as("every table's rows and checksum").isEqualTo(sourceChecksums);
        try (Connection s = TestPostgres.connect(source); Statement a = s.createStatement();
             Connection t = TestPostgres.connect(target); Statement b = t.createStatement()) {
            assertThat(scalar(b, QUERY_FKS)).isEqualTo(scalar(a, QUERY_FKS)).isEqualTo(11);
            assertThat(scalar(b, QUERY_INDEXES)).isEqualTo(scalar(a, QUERY_INDEXES));
            assertThat(scalar(b, "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'ferry_copy_state'")).as("dropped when done").isZero();
            assertThat(r.tables()).filteredOn(c -> c.table().equals("public.track")).singleElement()
                    .satisfies(c -> assertThat(c.checksum()).isEqualTo(sourceChecksums.get("public.track").split(":")[1]));
        }
    }

    @Test
    void aCopyStoppedByARejectedRangeIsResumedWithoutCopyingAnythingTwice() throws Exception {
        String source = TestPostgres.createDatabase("resumesrc");
        TestPostgres.execute(source, "CREATE TABLE big (id bigint PRIMARY KEY, v text); INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, 600000) g;"
                + " CREATE TABLE small (id int PRIMARY KEY, v text); INSERT INTO small SELECT g, 'x' FROM generate_series(1, 10) g; ANALYZE");
        String target = TestPostgres.createDatabase("resumedst");
        TestPostgres.execute(target, "CREATE TABLE big (id bigint PRIMARY KEY, v text CHECK (v <> md5('590000'))); CREATE TABLE small (id int PRIMARY KEY, v text)");

        CopyOptions dataOnly = new CopyOptions(2, List.of(), false, true, false, false, false);
        FerryException failed = catchThrowableOfType(FerryException.class, () -> copy(source, target, dataOnly, new ArrayList<>()));
        assertThat(failed.code()).isEqualTo(ErrorCode.STEP_FAILED);
        assertThat(failed.getMessage()).contains("did not finish", "big", "check constraint", "kept with its checkpoint");
        assertThat(failed.hint()).hasValueSatisfying(h -> assertThat(h).contains("--resume"));
        long committed;
        try (Connection t = TestPostgres.connect(target); Statement s = t.createStatement()) {
            committed = scalar(s, "SELECT COUNT(*) FROM big");
            assertThat(committed).as("the ranges that loaded are kept").isPositive().isLessThan(600000);
            assertThat(scalar(s, "SELECT COUNT(*) FROM ferry_copy_state WHERE checksum IS NULL")).as("the rejected range is not marked").isPositive();
        }

        FerryException again = catchThrowableOfType(FerryException.class, () -> copy(source, target, dataOnly, new ArrayList<>()));
        assertThat(again.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(again.getMessage()).contains("holds an unfinished copy", "nothing was changed");

        FerryException otherMode = catchThrowableOfType(FerryException.class,
                () -> copy(source, target, new CopyOptions(2, List.of(), false, false, false, true, false), new ArrayList<>()));
        assertThat(otherMode.getMessage()).as("a resume must ask for what the first run did").contains("started as a data-only copy", "full copy",
                "nothing was changed");

        TestPostgres.execute(target, "ALTER TABLE big DROP CONSTRAINT big_v_check");
        List<String> notes = new ArrayList<>();
        CopyResult resumed = copy(source, target, new CopyOptions(2, List.of(), false, true, false, true, true), notes);
        assertThat(resumed.resumed()).isTrue();
        assertThat(notes).singleElement().asString().contains("resuming", "parts were copied by an earlier run and are kept");
        assertThat(resumed.tables()).filteredOn(c -> c.table().equals("public.big")).singleElement()
                .satisfies(c -> assertThat(c.kept()).isPositive().isLessThan(c.parts()));
        try (Connection t = TestPostgres.connect(target); Statement s = t.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM big")).isEqualTo(600000);
            assertThat(scalar(s, "SELECT COUNT(DISTINCT id) FROM big")).isEqualTo(600000);
        }
        assertThat(checksums(target)).isEqualTo(checksums(source));
    }

    @Test
    void aTargetThatHoldsTablesIsRefusedAndLeftAsItWas() throws Exception {
        String source = TestPostgres.createChinookDatabase("refusesrc");
        String target = TestPostgres.createDatabase("refusedst");
        TestPostgres.execute(target, "CREATE TABLE keep_me (id int); INSERT INTO keep_me VALUES (1)");
        FerryException refused = catchThrowableOfType(FerryException.class, () -> copy(source, target, CopyOptions.defaults(), new ArrayList<>()));
        assertThat(refused.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(refused.getMessage()).contains("copy refused", "keep_me", "nothing was changed");
        try (Connection t = TestPostgres.connect(target); Statement s = t.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo(1);
        }

        String filled = TestPostgres.createDatabase("refusefilled");
        copy(source, filled, new CopyOptions(2, List.of(), true, false, false, false, false), new ArrayList<>());
        TestPostgres.execute(filled, "INSERT INTO genre (genre_id, name) VALUES (999, 'kept')");
        FerryException holding = catchThrowableOfType(FerryException.class,
                () -> copy(source, filled, new CopyOptions(2, List.of("genre"), false, true, false, false, false), new ArrayList<>()));
        assertThat(holding.getMessage()).contains("public.genre", "already hold rows", "nothing was changed");
        assertThat(holding.hint()).hasValueSatisfying(h -> assertThat(h).contains("--truncate"));
        FerryException referenced = catchThrowableOfType(FerryException.class,
                () -> copy(source, filled, new CopyOptions(2, List.of("genre"), false, true, true, false, false), new ArrayList<>()));
        assertThat(referenced.getMessage()).as("track refers to genre: emptying genre alone is refused, not cascaded")
                .contains("refuses to empty", "\"track\"", "nothing was changed");
        TestPostgres.execute(filled, "DELETE FROM genre");
        CopyResult copied = copy(source, filled, new CopyOptions(2, List.of("genre"), false, true, false, false, false), new ArrayList<>());
        assertThat(copied.tables()).singleElement().satisfies(c -> assertThat(c.rows()).isEqualTo(25));
    }

    @Test
    void truncateEmptiesOnlyTheTablesNamedAndDataOnlyMovesOnlyTheirSequencesForward() throws Exception {
        String source = TestPostgres.createDatabase("seqsrc");
        TestPostgres.execute(source, "CREATE TABLE album (id serial PRIMARY KEY, title text); CREATE TABLE track (id serial PRIMARY KEY,"
                + " album_id int REFERENCES album (id)); INSERT INTO album (title) SELECT 'a' || g FROM generate_series(1, 50) g;"
                + " INSERT INTO track (album_id) VALUES (1), (2), (3)");
        String target = TestPostgres.createDatabase("seqdst");
        TestPostgres.execute(target, "CREATE TABLE album (id serial PRIMARY KEY, title text); CREATE TABLE track (id serial PRIMARY KEY,"
                + " album_id int REFERENCES album (id)); INSERT INTO album (title) VALUES ('old'); INSERT INTO track (album_id) VALUES (1), (1);"
                + " SELECT setval('track_id_seq', 105)");

        FerryException refused = catchThrowableOfType(FerryException.class,
                () -> copy(source, target, new CopyOptions(2, List.of("album"), false, true, true, false, false), new ArrayList<>()));
        assertThat(refused.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(refused.getMessage()).contains("refuses to empty", "album", "nothing was changed");
        try (Connection t = TestPostgres.connect(target); Statement s = t.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM track")).as("a table that refers to album is not emptied behind the user's back").isEqualTo(2);
            assertThat(scalar(s, "SELECT COUNT(*) FROM album")).isEqualTo(1);
        }

        TestPostgres.execute(target, "DELETE FROM track; DELETE FROM album");
        copy(source, target, new CopyOptions(2, List.of("album"), false, true, false, false, false), new ArrayList<>());
        try (Connection t = TestPostgres.connect(target); Statement s = t.createStatement()) {
            assertThat(scalar(s, "SELECT nextval('album_id_seq')")).as("past the copied ids").isEqualTo(51);
            assertThat(scalar(s, "SELECT nextval('track_id_seq')")).as("a table not copied keeps its sequence").isEqualTo(106);
        }
    }

    @Test
    void aCopyWhoseVerificationFailsExitsAsAFailedCheckAndIsNeverResumedAsSound() throws Exception {
        String source = TestPostgres.createDatabase("verifysrc");
        TestPostgres.execute(source, "CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t SELECT g, 'x' || g FROM generate_series(1, 100) g");
        String target = TestPostgres.createDatabase("verifydst");
        TestPostgres.execute(target, "CREATE TABLE t (id int PRIMARY KEY, v text); CREATE FUNCTION shout() RETURNS trigger AS"
                + " $$ BEGIN NEW.v := upper(NEW.v); RETURN NEW; END $$ LANGUAGE plpgsql;"
                + " CREATE TRIGGER shout BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION shout()");
        FerryException differs = catchThrowableOfType(FerryException.class,
                () -> copy(source, target, new CopyOptions(1, List.of(), false, true, false, false, true), new ArrayList<>()));
        assertThat(differs.code()).isEqualTo(ErrorCode.CHECK_FAILED);
        assertThat(differs.getMessage()).contains("does not match what was sent", "public.t");

        FerryException resumed = catchThrowableOfType(FerryException.class,
                () -> copy(source, target, new CopyOptions(1, List.of(), false, true, false, true, false), new ArrayList<>()));
        assertThat(resumed.getMessage()).as("resuming without --verify must not finish it as sound").contains("verification found it different",
                "not resumed");
    }
}
