package dev.ferry.postgres;

import dev.ferry.connect.HistoryConfig;
import dev.ferry.schema.DiffResult;
import dev.ferry.schema.DiffService;
import dev.ferry.schema.SchemaChange;
import dev.ferry.spi.Dialects;
import dev.ferry.testkit.Sql;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Diff of Chinook against a mutated copy: the script turns the copy back, and then nothing differs. */
class SchemaDiffIT {

    private final DiffService diffs = new DiffService(Dialects.load(), Path.of(""), null, HistoryConfig.DEFAULT);

    @Test
    void theRepairScriptTurnsTheMutatedCopyBackIntoTheOriginal() throws Exception {
        String a = TestPostgres.createChinookDatabase("diff_a");
        String b = TestPostgres.createChinookDatabase("diff_b");
        String from = TestPostgres.url(b);
        String to = TestPostgres.url(a);
        assertThat(diffs.diff(from, to, null).changes()).as("copies start equal").isEmpty();
        try (Connection c = TestPostgres.connect(b); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE customer DROP COLUMN fax");
            s.execute("DROP INDEX invoice_customer_id_idx");
            s.execute("ALTER TABLE invoice ALTER COLUMN total SET DEFAULT 0");
            s.execute("ALTER TABLE track DROP CONSTRAINT track_genre_id_fkey");
            s.execute("ALTER TABLE artist ALTER COLUMN name TYPE varchar(200)");
            s.execute("ALTER TABLE genre ALTER COLUMN name SET NOT NULL");
            s.execute("CREATE TABLE stray (id int primary key)");
        }
        DiffResult diff = diffs.diff(from, to, null);
        assertThat(diff.changes()).extracting(ch -> ch.object() + ": " + ch.summary()).contains(
                "column public.customer.fax: missing",
                "index public.invoice_customer_id_idx: missing",
                "column public.invoice.total: default differs",
                "foreign key public.track.track_genre_id_fkey: missing",
                "column public.artist.name: type character varying(200) -> character varying(120)",
                "column public.genre.name: allows NULL in the target",
                "table public.stray: not in the target");
        assertThat(diff.changes()).filteredOn(SchemaChange::destructive).extracting(SchemaChange::object)
                .containsExactlyInAnyOrder("column public.artist.name", "table public.stray");
        assertThat(diff.script(false)).contains("-- DESTRUCTIVE, left out", "-- DROP TABLE \"public\".\"stray\";");

        try (Connection c = TestPostgres.connect(b); Statement s = c.createStatement()) {
            s.execute(diff.script(true));
        }
        assertThat(diffs.diff(from, to, null).changes()).as("after the script").isEmpty();
        assertThat(diffs.diff(to, from, null).changes()).as("and the other way round").isEmpty();
    }

    @Test
    void ownersCountOnlyWhenAskedFor() throws Exception {
        String a = TestPostgres.createChinookDatabase("owners_a");
        String b = TestPostgres.createChinookDatabase("owners_b");
        TestPostgres.execute("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ferry_report_owner') THEN"
                + " CREATE ROLE ferry_report_owner; END IF; END $$");
        TestPostgres.execute(b, "ALTER TABLE artist OWNER TO ferry_report_owner");
        assertThat(diffs.diff(TestPostgres.url(b), TestPostgres.url(a), null).changes()).as("left out by default").isEmpty();

        DiffResult diff = diffs.diff(TestPostgres.url(b), TestPostgres.url(a), null, true);
        assertThat(diff.changes()).extracting(ch -> ch.object() + ": " + ch.summary())
                .containsExactly("owner of TABLE public.artist: ferry_report_owner -> postgres");
        try (Connection c = TestPostgres.connect(b); Statement s = c.createStatement()) {
            s.execute(diff.script(false));
        }
        assertThat(diffs.diff(TestPostgres.url(b), TestPostgres.url(a), null, true).changes()).isEmpty();
    }

    @Test
    void aSchemaNeitherSideHasIsAUsageErrorNotAnEmptyDiff() {
        String a = TestPostgres.createDatabase("noschema_a");
        TestPostgres.execute(a, "CREATE SCHEMA sales");
        dev.ferry.error.FerryException e = org.assertj.core.api.Assertions.catchThrowableOfType(dev.ferry.error.FerryException.class,
                () -> diffs.diff(TestPostgres.url(a), TestPostgres.url(a), "nosuch"));
        assertThat(e).as("no error").isNotNull();
        assertThat(e.code()).isEqualTo(dev.ferry.error.ErrorCode.USAGE);
        assertThat(e.getMessage()).contains("schema 'nosuch' does not exist on ", "schemas present: public, sales");
        assertThat(diffs.diff(TestPostgres.url(a), TestPostgres.url(a), "sales").changes()).isEmpty();
    }

    @Test
    void aScriptAddingAnEnumLabelThatADefaultUsesRunsInOneTransactionAfterItsFirstPart() throws Exception {
        String a = TestPostgres.createDatabase("enum_tx_a");
        String b = TestPostgres.createDatabase("enum_tx_b");
        TestPostgres.execute(a, "CREATE TYPE mood AS ENUM ('sad', 'happy'); CREATE TABLE t (id int, m mood DEFAULT 'sad')");
        TestPostgres.execute(b, "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy'); CREATE TABLE t (id int, m mood DEFAULT 'ok')");
        DiffResult diff = diffs.diff(TestPostgres.url(a), TestPostgres.url(b), null);
        try (Connection c = TestPostgres.connect(a)) {
            Sql.runScriptInOneTransaction(c, diff.script(false));
        }
        assertThat(diffs.diff(TestPostgres.url(a), TestPostgres.url(b), null).changes()).isEmpty();
    }

    /** Creates the same schema in two databases; {@code drift} then changes the first by hand. */
    private String[] pair(String prefix, String schema, String drift) {
        String a = TestPostgres.createDatabase(prefix + "_a");
        String b = TestPostgres.createDatabase(prefix + "_b");
        TestPostgres.execute(a, schema);
        TestPostgres.execute(b, schema);
        TestPostgres.execute(a, drift);
        return new String[] {a, b};
    }

    /** The script from {@code a} to {@code b}, run in one transaction, leaves nothing to differ either way. */
    private void repairs(String a, String b, DiffResult diff) throws Exception {
        try (Connection c = TestPostgres.connect(a)) {
            Sql.runScriptInOneTransaction(c, diff.script(false));
        }
        assertThat(diffs.diff(TestPostgres.url(a), TestPostgres.url(b), null).changes()).as("after the script").isEmpty();
        assertThat(diffs.diff(TestPostgres.url(b), TestPostgres.url(a), null).changes()).as("and the other way round").isEmpty();
    }

    @Test
    void collationRowLevelSecurityAndUnloggedTablesAreComparedAndScripted() throws Exception {
        String[] db = pair("table_options", """
                CREATE TABLE notes (id int PRIMARY KEY, owner text NOT NULL, body text COLLATE "C");
                CREATE VIEW bodies AS SELECT body FROM notes;
                ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
                CREATE POLICY own ON notes USING (owner = current_user);
                CREATE TABLE scratch (id int);
                """, """
                DROP VIEW bodies;
                ALTER TABLE notes ALTER COLUMN body TYPE text COLLATE "POSIX";
                CREATE VIEW bodies AS SELECT body FROM notes;
                ALTER TABLE notes FORCE ROW LEVEL SECURITY;
                DROP POLICY own ON notes;
                CREATE POLICY own ON notes FOR SELECT USING (owner = session_user);
                CREATE POLICY extra ON notes FOR INSERT WITH CHECK (true);
                ALTER TABLE scratch SET UNLOGGED;
                """);
        DiffResult diff = diffs.diff(TestPostgres.url(db[0]), TestPostgres.url(db[1]), null);
        assertThat(diff.changes()).extracting(ch -> ch.object() + ": " + ch.summary()).contains(
                "column public.notes.body: collation pg_catalog.\"POSIX\" -> pg_catalog.\"C\"",
                "table public.notes: row-level security on, forced -> on",
                "policy public.notes.own: differs",
                "policy public.notes.extra: not in the target",
                "table public.scratch: logged in the target");
        repairs(db[0], db[1], diff);
    }

    /** An UNLOGGED table is emptied by a crash and not copied to standbys: making one is destructive, the way back is not. */
    @Test
    void aTableTurnedUnloggedIsDestructive() throws Exception {
        String[] db = pair("unlogged", "CREATE TABLE kept (id int); INSERT INTO kept VALUES (1);", "ALTER TABLE kept SET UNLOGGED");
        DiffResult toUnlogged = diffs.diff(TestPostgres.url(db[1]), TestPostgres.url(db[0]), null);
        assertThat(toUnlogged.changes()).singleElement().satisfies(ch -> {
            assertThat(ch.summary()).isEqualTo("UNLOGGED in the target (emptied after a crash, not copied to standbys)");
            assertThat(ch.destructive()).isTrue();
        });
        assertThat(toUnlogged.script(false)).doesNotContain("\nALTER TABLE \"public\".\"kept\" SET UNLOGGED");
        DiffResult toLogged = diffs.diff(TestPostgres.url(db[0]), TestPostgres.url(db[1]), null);
        assertThat(toLogged.changes()).singleElement().satisfies(ch -> assertThat(ch.destructive()).isFalse());
    }

    @Test
    void aPartitionDetachedByHandIsAttachedAgainWithItsBound() throws Exception {
        String[] db = pair("detached", """
                CREATE TABLE ref (id int PRIMARY KEY);
                CREATE TABLE events (id int, at date, ref int REFERENCES ref, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
                CREATE INDEX events_ref ON events (ref);
                CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
                """, "ALTER TABLE events DETACH PARTITION events_2024");
        DiffResult diff = diffs.diff(TestPostgres.url(db[0]), TestPostgres.url(db[1]), null);
        assertThat(diff.changes()).extracting(ch -> ch.object() + ": " + ch.summary()).containsExactly(
                "table public.events_2024: a table of its own; partition of public.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') in the target");
        assertThat(diff.script(false)).contains("ALTER TABLE \"public\".\"events\" ATTACH PARTITION \"public\".\"events_2024\" FOR VALUES FROM");
        repairs(db[0], db[1], diff);
    }

    @Test
    void aPartitionOnOneSideAndATableOfItsOwnOnTheOtherIsDetachedOrMovedToItsBound() throws Exception {
        String[] db = pair("partition_or_not", """
                CREATE TABLE ref (id int PRIMARY KEY);
                CREATE TABLE events (id int, at date, ref int REFERENCES ref, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
                CREATE INDEX events_ref ON events (ref);
                CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                ALTER TABLE events DETACH PARTITION events_2024;
                """, "ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2023-01-01') TO ('2025-01-01')");
        DiffResult diff = diffs.diff(TestPostgres.url(db[0]), TestPostgres.url(db[1]), null);
        assertThat(diff.changes()).extracting(ch -> ch.object() + ": " + ch.summary()).containsExactly(
                "table public.events_2024: partition of public.events FOR VALUES FROM ('2023-01-01') TO ('2025-01-01'); a table of its own in the target");
        repairs(db[0], db[1], diff);

        TestPostgres.execute(db[0], "ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2023-01-01') TO ('2025-01-01')");
        TestPostgres.execute(db[1], "ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
        DiffResult moved = diffs.diff(TestPostgres.url(db[0]), TestPostgres.url(db[1]), null);
        assertThat(moved.script(false)).containsSubsequence("DETACH PARTITION \"public\".\"events_2024\"",
                "ATTACH PARTITION \"public\".\"events_2024\" FOR VALUES FROM ('2024-01-01')");
        repairs(db[0], db[1], moved);
    }

    @Test
    void aColumnUnderAGeneratedColumnChangesTypeAroundIt() throws Exception {
        String[] db = pair("generated", """
                CREATE TABLE film (id int PRIMARY KEY, length integer, hours numeric(4,2) GENERATED ALWAYS AS (round(length / 60.0, 2)) STORED);
                CREATE INDEX film_hours ON film (hours);
                INSERT INTO film (id, length) VALUES (1, 90);
                """, """
                ALTER TABLE film DROP COLUMN hours;
                ALTER TABLE film ALTER COLUMN length TYPE smallint;
                ALTER TABLE film ADD COLUMN hours numeric(4,2) GENERATED ALWAYS AS (round(length / 60.0, 2)) STORED;
                CREATE INDEX film_hours ON film (hours);
                """);
        DiffResult diff = diffs.diff(TestPostgres.url(db[0]), TestPostgres.url(db[1]), null);
        assertThat(diff.script(false)).containsSubsequence("DROP COLUMN \"hours\"", "ALTER COLUMN \"length\" TYPE integer",
                "ADD COLUMN \"hours\" numeric(4,2) GENERATED ALWAYS AS", "CREATE INDEX film_hours");
        repairs(db[0], db[1], diff);
        try (Connection c = TestPostgres.connect(db[0]); Statement s = c.createStatement()) {
            assertThat(Sql.scalar(s, "SELECT hours * 100 FROM film WHERE id = 1")).isEqualTo(150);
        }
    }

    @Test
    void anEnumRecreatedWhileAFunctionTakesItTakesTheFunctionAlong() throws Exception {
        String[] db = pair("enum_function", """
                CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
                CREATE TABLE person (id int, m mood DEFAULT 'ok');
                CREATE FUNCTION cheer(m mood) RETURNS mood LANGUAGE sql AS $$ SELECT 'happy'::mood $$;
                """, """
                ALTER TYPE mood RENAME VALUE 'ok' TO 'fine';
                ALTER TABLE person ALTER COLUMN m SET DEFAULT 'fine';
                CREATE FUNCTION stray(m mood) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
                """);
        DiffResult diff = diffs.diff(TestPostgres.url(db[0]), TestPostgres.url(db[1]), null);
        assertThat(diff.changes()).extracting(ch -> ch.object() + ": " + ch.summary()).contains(
                "function public.cheer(m mood): recreated: takes or returns enum public.mood, which is recreated",
                "function public.stray(m mood): recreated: takes or returns enum public.mood, which is recreated");
        try (Connection c = TestPostgres.connect(db[0])) {
            Sql.runScriptInOneTransaction(c, diff.script(true));
        }
        assertThat(diffs.diff(TestPostgres.url(db[0]), TestPostgres.url(db[1]), null).changes()).as("after the script").isEmpty();
    }

    @Test
    void ownersAreNotComparedWithAShadow() {
        dev.ferry.error.FerryException e = org.assertj.core.api.Assertions.catchThrowableOfType(dev.ferry.error.FerryException.class,
                () -> diffs.diff(TestPostgres.url("postgres"), "src", null, true));
        assertThat(e.getMessage()).contains("--owners compares two live databases");
    }

    @Test
    void anEmptyDatabaseIsBuiltFromASchemaFileWhoseDefaultsAndResultsNeedFunctionsAndTablesInTurn(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("schema.sql"), """
                CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT md5(random()::text) $$;
                CREATE TABLE items (id int PRIMARY KEY, code text NOT NULL DEFAULT next_code() CHECK (length(code) > 0));
                CREATE FUNCTION expensive(min int) RETURNS SETOF items LANGUAGE sql AS $$ SELECT * FROM items WHERE id > min $$;
                CREATE VIEW cheap AS SELECT * FROM expensive(0);
                """);
        String empty = TestPostgres.createDatabase("from_file");
        DiffService inDir = new DiffService(Dialects.load(), dir, null, HistoryConfig.DEFAULT);
        DiffResult diff = inDir.diff(TestPostgres.url(empty), "schema.sql", null);
        try (Connection c = TestPostgres.connect(empty)) {
            Sql.runScript(c, diff.script(false), false);
        }
        assertThat(inDir.diff(TestPostgres.url(empty), "schema.sql", null).changes()).isEmpty();
    }
}
