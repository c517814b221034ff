package dev.ferry.postgres;

import dev.ferry.connect.HistoryConfig;
import dev.ferry.schema.DiffResult;
import dev.ferry.schema.DiffService;
import dev.ferry.spi.Dialects;
import dev.ferry.spi.SqlSplitter;
import dev.ferry.testkit.CatalogFingerprint;
import dev.ferry.testkit.PagilaMutations;
import dev.ferry.testkit.PagilaMutations.Mutation;
import dev.ferry.testkit.SharedPostgres;
import dev.ferry.testkit.Sql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any set of mutations, applied to a copy B of Pagila in any order, is undone by the script from
 * B to A run in one transaction (all but the part of new enum labels, which commits first): the
 * diff is then empty and the catalogs, read without Ferry, are equal.
 * <p>
 * Each try draws its mutations from {@code new Random(seed + try)}; a failure names the seed that
 * replays it alone: {@code -Dferry.property.seed=S -Dferry.property.tries=1}. The number of tries
 * is {@code -Dferry.property.tries} (200 by default, as in CI).
 */
class SchemaDiffPropertyIT {
    private static final SharedPostgres PG = SharedPostgres.pg18();
    private static final long SEED = Long.getLong("ferry.property.seed", new Random().nextLong());
    private static final int TRIES = Integer.getInteger("ferry.property.tries", 200);
    private static final int MAX_MUTATIONS = 10;
    private static String original;
    private static List<String> originalCatalog;
    private final DiffService diffs = new DiffService(Dialects.load(), Path.of(""), null, HistoryConfig.DEFAULT);

    @BeforeAll
    static void original() throws Exception {
        original = PG.createPagila("pagila_prop_a");
        try (Connection c = PG.connect(original)) {
            originalCatalog = CatalogFingerprint.of(c);
        }
    }

    @Test
    void theRepairScriptUndoesAnySetOfMutations() {
        System.out.println("SchemaDiffPropertyIT: " + TRIES + " tries from -Dferry.property.seed=" + SEED);
        for (int i = 0; i < TRIES; i++) {
            long seed = SEED + i;
            List<Mutation> mutations = mutations(new Random(seed));
            try {
                undone(mutations);
            } catch (Exception | AssertionError e) {
                throw new AssertionError("try " + (i + 1) + " of " + TRIES + " failed for " + mutations
                        + "; replay it with -Dferry.property.seed=" + seed + " -Dferry.property.tries=1", e);
            }
        }
    }

    /** One to ten different mutations in a random order. */
    static List<Mutation> mutations(Random random) {
        List<Mutation> all = new ArrayList<>(PagilaMutations.all());
        Collections.shuffle(all, random);
        return List.copyOf(all.subList(0, 1 + random.nextInt(MAX_MUTATIONS)));
    }

    private void undone(List<Mutation> mutations) throws Exception {
        String copy = PG.createPagila("pagila_prop_b");
        try {
            try (Connection c = PG.connect(copy); Statement s = c.createStatement()) {
                for (Mutation m : mutations) {
                    for (String sql : m.statements()) {
                        s.execute(sql);
                    }
                }
            }
            DiffResult diff = diffs.diff(PG.url(copy), PG.url(original), null);
            assertThat(diff.changes()).as("every mutation shows").isNotEmpty();
            String script = diff.script(true);
            assertThat(beforeTheTransaction(script)).as("only new enum labels commit apart")
                    .allMatch(sql -> sql.startsWith("ALTER TYPE ") && sql.contains(" ADD VALUE "));
            try (Connection c = PG.connect(copy)) {
                Sql.runScriptInOneTransaction(c, script);
            }
            assertThat(diffs.diff(PG.url(copy), PG.url(original), null).changes()).as("diff after the script").isEmpty();
            try (Connection c = PG.connect(copy)) {
                assertThat(CatalogFingerprint.differences(CatalogFingerprint.of(c), originalCatalog)).as("catalog after the script").isEmpty();
            }
        } finally {
            PG.execute("postgres", "DROP DATABASE " + copy + " WITH (FORCE)");
        }
    }

    private static List<String> beforeTheTransaction(String script) {
        List<String> statements = SqlSplitter.split(script, false).stream().map(st -> Sql.withoutComments(st.sql())).toList();
        int begin = statements.indexOf("BEGIN");
        if (begin < 0) {
            // new enum labels alone
            return statements;
        }
        assertThat(statements.get(statements.size() - 1)).as("a script with BEGIN ends with COMMIT").isEqualTo("COMMIT");
        return statements.subList(0, begin);
    }
}
