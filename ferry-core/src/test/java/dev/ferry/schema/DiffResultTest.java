package dev.ferry.schema;

import dev.ferry.schema.SchemaChange.Phase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DiffResultTest {
    private static final SchemaChange LABEL = new SchemaChange(Phase.ENUM_LABELS, "enum public.mood", "values [a] -> [a, b]",
            "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'b'", false);
    private static final SchemaChange DEFAULT = new SchemaChange(Phase.COLUMNS, "column public.t.m", "default differs",
            "ALTER TABLE t ALTER COLUMN m SET DEFAULT 'b'", false);

    @Test
    void newEnumLabelsCommitFirstAndEverythingElseRunsInOneTransaction() {
        String script = new DiffResult("a", "b", List.of("SET x = 1"), List.of(LABEL, DEFAULT), true).script(false);
        assertThat(script).containsSubsequence("-- Part 1 of 2", "ADD VALUE IF NOT EXISTS 'b';", "-- Part 2 of 2", "BEGIN;",
                "SET x = 1;", "SET DEFAULT 'b';", "COMMIT;");
        assertThat(script.indexOf("BEGIN;")).isGreaterThan(script.indexOf("ADD VALUE"));
    }

    @Test
    void withoutNewLabelsTheWholeScriptIsOneTransaction() {
        String script = new DiffResult("a", "b", List.of(), List.of(DEFAULT), true).script(false);
        assertThat(script).doesNotContain("Part 1").containsSubsequence("BEGIN;", "SET DEFAULT 'b';", "COMMIT;");
    }

    @Test
    void newLabelsAloneNeedNoTransaction() {
        String script = new DiffResult("a", "b", List.of(), List.of(LABEL), true).script(false);
        assertThat(script).contains("ADD VALUE IF NOT EXISTS 'b';").doesNotContain("BEGIN", "COMMIT", "Part 2");
    }

    @Test
    void databasesWithoutTransactionalDdlGetPlainStatements() {
        assertThat(new DiffResult("a", "b", List.of(), List.of(DEFAULT)).script(false)).doesNotContain("BEGIN", "COMMIT");
    }
}
