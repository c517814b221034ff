package dev.ferry.cli;

import dev.ferry.testkit.Chinook;
import dev.ferry.testkit.DumpNormaliser;
import dev.ferry.testkit.Pagila;
import dev.ferry.testkit.PagilaMutations;
import dev.ferry.testkit.PgTools;
import dev.ferry.testkit.SharedPostgres;
import dev.ferry.testkit.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The round trip a user runs: B is A with mutations; {@code ferry diff --from B --to A --script
 * repair.sql --allow-destructive}, then {@code psql -f repair.sql} on B, leaves {@code ferry diff}
 * with nothing to say. Chinook runs on PostgreSQL 15 so that Debian's pg_dump 15 can prove the two
 * schemas equal; Pagila needs PostgreSQL 18, which that pg_dump refuses.
 */
class RoundTripIT {
    /** Chinook has no view, trigger or enum: A gets some, so that every kind of mutation applies. */
    private static final List<String> CHINOOK_EXTRAS = List.of(
            "CREATE TYPE media_kind AS ENUM ('audio', 'video')",
            "ALTER TABLE media_type ADD COLUMN kind media_kind NOT NULL DEFAULT 'audio'",
            "CREATE VIEW track_list AS SELECT t.track_id, t.name, g.name AS genre, m.kind FROM track t"
                    + " JOIN genre g ON g.genre_id = t.genre_id JOIN media_type m ON m.media_type_id = t.media_type_id",
            "CREATE VIEW invoice_totals AS SELECT customer_id, sum(total) AS total FROM invoice GROUP BY customer_id",
            "CREATE FUNCTION trim_name() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.name := trim(NEW.name); RETURN NEW; END $$",
            "CREATE TRIGGER artist_trim BEFORE INSERT OR UPDATE ON artist FOR EACH ROW EXECUTE FUNCTION trim_name()");

    private static final List<String> CHINOOK_MUTATIONS = List.of(
            "ALTER TABLE customer DROP COLUMN fax",
            "DROP INDEX invoice_customer_id_idx",
            "ALTER TABLE invoice ALTER COLUMN total SET DEFAULT 0",
            "ALTER TABLE track DROP CONSTRAINT track_genre_id_fkey",
            "DROP VIEW invoice_totals",
            "ALTER TABLE artist ALTER COLUMN name TYPE varchar(200)",
            "CREATE TABLE stray (id int PRIMARY KEY)",
            "DROP TRIGGER artist_trim ON artist",
            "ALTER TYPE media_kind ADD VALUE 'podcast'");

    @TempDir
    Path dir;

    @Test
    void chinookComesBackEqualByPgDump() throws Exception {
        SharedPostgres pg = SharedPostgres.pg15();
        String a = pg.createFrom("chinook_extended", RoundTripIT::loadExtendedChinook, "chinook_a");
        String b = pg.createFrom("chinook_extended", RoundTripIT::loadExtendedChinook, "chinook_b");
        String dumpA = DumpNormaliser.normalise(PgTools.schemaDump(pg.port(), a));
        mutate(pg, b, CHINOOK_MUTATIONS);
        assertThat(DumpNormaliser.normalise(PgTools.schemaDump(pg.port(), b))).as("the mutations show in pg_dump").isNotEqualTo(dumpA);

        CliRun diff = CliRun.inProcess(dir, Map.of(), "diff", "--from", pg.url(b), "--to", pg.url(a), "--script", "repair.sql", "--allow-destructive");
        assertThat(diff.exit()).as(diff.all()).isZero();
        assertThat(diff.out()).contains("column public.customer.fax", "enum public.media_kind", "view public.invoice_totals",
                "trigger public.artist.artist_trim", "table public.stray", "Wrote the script to repair.sql");
        PgTools.psqlFile(pg.port(), b, dir.resolve("repair.sql"));

        CliRun again = CliRun.inProcess(dir, Map.of(), "diff", "--from", pg.url(b), "--to", pg.url(a));
        assertThat(again.out()).as(again.all()).contains("No differences");
        assertThat(DumpNormaliser.normalise(PgTools.schemaDump(pg.port(), b))).isEqualTo(dumpA);
        try (Connection c = pg.connect(b); Statement s = c.createStatement()) {
            assertThat(Sql.scalar(s, "select count(*) from track")).as("rows survive").isEqualTo(3503L);
            assertThat(Sql.scalar(s, "select count(*) from track_list")).isEqualTo(3503L);
        }
    }

    @Test
    void pagilaComesBackAndMatchesItsSchemaFileOnAShadowOfItsOwnVersion() throws Exception {
        SharedPostgres pg = SharedPostgres.pg18();
        String a = pg.createPagila("pagila_cli_a");
        String b = pg.createPagila("pagila_cli_b");
        for (PagilaMutations.Mutation m : PagilaMutations.NAMED) {
            mutate(pg, b, m.statements());
        }
        CliRun diff = CliRun.inProcess(dir, Map.of(), "diff", "--from", pg.url(b), "--to", pg.url(a), "--script", "repair.sql", "--allow-destructive");
        assertThat(diff.exit()).as(diff.all()).isZero();
        PgTools.psqlFile(pg.port(), b, dir.resolve("repair.sql"));
        CliRun again = CliRun.inProcess(dir, Map.of(), "diff", "--from", pg.url(b), "--to", pg.url(a));
        assertThat(again.out()).as(again.all()).contains("No differences");

        // the .sql side is built on an embedded PostgreSQL 18, the live side's major, found in the local Maven repository
        Files.writeString(dir.resolve("pagila.sql"), Pagila.schemaSql());
        CliRun file = CliRun.inProcess(dir, Map.of(), "diff", "--from", pg.url(a), "--to", "pagila.sql");
        assertThat(file.out()).as(file.all()).contains("No differences");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__pagila.sql"), Pagila.schemaSql());
        CliRun dirSide = CliRun.inProcess(dir, Map.of(), "diff", "--from", pg.url(a), "--to", "migrations");
        assertThat(dirSide.out()).as(dirSide.all()).contains("No differences");
    }

    private static void loadExtendedChinook(Connection c) {
        try (Statement s = c.createStatement()) {
            Chinook.loadIntoPostgres(c);
            for (String sql : CHINOOK_EXTRAS) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void mutate(SharedPostgres pg, String database, List<String> statements) throws SQLException {
        try (Connection c = pg.connect(database); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
