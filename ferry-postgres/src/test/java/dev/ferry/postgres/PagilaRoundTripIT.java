package dev.ferry.postgres;

import dev.ferry.connect.HistoryConfig;
import dev.ferry.schema.DiffResult;
import dev.ferry.schema.DiffService;
import dev.ferry.schema.SchemaChange;
import dev.ferry.spi.Dialects;
import dev.ferry.testkit.CatalogFingerprint;
import dev.ferry.testkit.PagilaMutations;
import dev.ferry.testkit.SharedPostgres;
import dev.ferry.testkit.Sql;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pagila on PostgreSQL 18 as A; B = A with one mutation of each kind the issue names. The script
 * from B to A, destructive statements included, makes B's catalog equal to A's.
 */
class PagilaRoundTripIT {
    private final SharedPostgres pg = SharedPostgres.pg18();
    private final DiffService diffs = new DiffService(Dialects.load(), Path.of(""), null, HistoryConfig.DEFAULT);

    @Test
    void theScriptUndoesEveryKindOfMutation() throws Exception {
        String a = pg.createPagila("pagila_a");
        String b = pg.createPagila("pagila_b");
        assertThat(diffs.diff(pg.url(b), pg.url(a), null).changes()).as("copies start equal").isEmpty();
        try (Connection c = pg.connect(b); Statement s = c.createStatement()) {
            for (PagilaMutations.Mutation m : PagilaMutations.NAMED) {
                for (String sql : m.statements()) {
                    s.execute(sql);
                }
            }
        }

        DiffResult diff = diffs.diff(pg.url(b), pg.url(a), null);

        assertThat(diff.changes()).extracting(ch -> ch.object() + ": " + ch.summary()).contains(
                "column public.address.address2: missing",
                "index public.idx_actor_last_name: missing",
                "column public.film.rental_duration: default differs",
                "foreign key public.inventory.inventory_film_id_fkey: missing",
                "view public.sales_by_store: missing",
                "column public.staff.username: type character varying(16) -> text",
                "table public.stray: not in the target",
                "trigger public.actor.last_updated: missing",
                "enum public.mpaa_rating: values [G, PG, PG-13, R, NC-17, X] -> [G, PG, PG-13, R, NC-17], type recreated",
                "view public.film_list: recreated: reads column public.film.rating, whose type changes");
        assertThat(diff.changes()).filteredOn(SchemaChange::destructive).extracting(SchemaChange::object)
                .containsExactlyInAnyOrder("table public.stray", "enum public.mpaa_rating");
        assertThat(diff.script(false)).contains("-- DROP TABLE \"public\".\"stray\";");

        try (Connection c = pg.connect(b)) {
            Sql.runScriptInOneTransaction(c, diff.script(true));
        }
        assertThat(diffs.diff(pg.url(b), pg.url(a), null).changes()).as("after the script").isEmpty();
        assertThat(diffs.diff(pg.url(a), pg.url(b), null).changes()).as("and the other way round").isEmpty();
        try (Connection ca = pg.connect(a); Connection cb = pg.connect(b)) {
            assertThat(CatalogFingerprint.differences(CatalogFingerprint.of(cb), CatalogFingerprint.of(ca))).as("the catalogs, read without Ferry").isEmpty();
        }
    }
}
