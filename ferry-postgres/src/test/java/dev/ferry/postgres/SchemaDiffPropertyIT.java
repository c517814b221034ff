package dev.ferry.postgres;

import dev.ferry.connect.HistoryConfig;
import dev.ferry.schema.DiffResult;
import dev.ferry.schema.DiffService;
import dev.ferry.spi.Dialects;
import dev.ferry.testkit.CatalogFingerprint;
import dev.ferry.testkit.PagilaMutations;
import dev.ferry.testkit.PagilaMutations.Mutation;
import dev.ferry.testkit.SharedPostgres;
import dev.ferry.testkit.Sql;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any set of mutations, applied to a copy B of Pagila in any order, is undone by the script from
 * B to A: the diff is then empty and the catalogs, read without Ferry, are equal.
 */
class SchemaDiffPropertyIT {
    private static final SharedPostgres PG = SharedPostgres.pg18();
    private static String original;
    private static List<String> originalCatalog;
    private final DiffService diffs = new DiffService(Dialects.load(), Path.of(""), null, HistoryConfig.DEFAULT);

    @BeforeContainer
    static void original() throws Exception {
        original = PG.createPagila("pagila_prop_a");
        try (Connection c = PG.connect(original)) {
            originalCatalog = CatalogFingerprint.of(c);
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutationSets() {
        return Arbitraries.of(PagilaMutations.all()).list().uniqueElements().ofMinSize(1).ofMaxSize(10);
    }

    @Property(tries = 200)
    void theRepairScriptUndoesAnySetOfMutations(@ForAll("mutationSets") List<Mutation> mutations) throws Exception {
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
            try (Connection c = PG.connect(copy)) {
                Sql.runScript(c, diff.script(true), false);
            }
            assertThat(diffs.diff(PG.url(copy), PG.url(original), null).changes()).as("diff after the script").isEmpty();
            try (Connection c = PG.connect(copy)) {
                assertThat(CatalogFingerprint.differences(CatalogFingerprint.of(c), originalCatalog)).as("catalog after the script").isEmpty();
            }
        } finally {
            PG.execute("postgres", "DROP DATABASE " + copy + " WITH (FORCE)");
        }
    }
}
