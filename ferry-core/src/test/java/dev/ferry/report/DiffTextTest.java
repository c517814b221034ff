package dev.ferry.report;

import dev.ferry.schema.DiffResult;
import dev.ferry.schema.SchemaChange;
import dev.ferry.schema.SchemaChange.Phase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DiffTextTest {
    private final DiffResult result = new DiffResult("a", "b", List.of(), List.of(
            new SchemaChange(Phase.DROP_VIEWS, "view public.v", "recreated: reads column public.t.c, whose type changes", "DROP VIEW v", false),
            new SchemaChange(Phase.COLUMNS, "column public.t.c", "type integer -> text", "ALTER …", false),
            new SchemaChange(Phase.CREATE_VIEWS, "view public.v", "recreated: reads column public.t.c, whose type changes", "CREATE VIEW v …", false),
            new SchemaChange(Phase.DROP_TABLES, "table public.stray", "not in the target", "DROP TABLE stray", true)));

    @Test
    void countsAndListsObjectsNotStatements() {
        assertThat(DiffText.oneLine(result)).isEqualTo("3 differences: view public.v recreated: reads column public.t.c, whose type changes; "
                + "column public.t.c type integer -> text; table public.stray not in the target");
    }

    @Test
    void theTableHasOneRowPerObjectAndMarksTheDestructiveOnes() {
        String table = DiffText.summary(result, Ansi.OFF);
        assertThat(table.lines().filter(l -> l.startsWith("view public.v"))).hasSize(1);
        assertThat(table.lines().filter(l -> l.startsWith("table public.stray"))).singleElement().asString().endsWith("destructive");
    }

    @Test
    void everyColumnHasAHeader() {
        String header = DiffText.summary(result, Ansi.OFF).lines().findFirst().orElseThrow();
        assertThat(header.split("\\s{2,}")).extracting(String::strip).containsExactly("object", "difference", "risk");
    }

    @Test
    void nothingToSay() {
        assertThat(DiffText.summary(new DiffResult("a", "b", List.of(), List.of()), Ansi.OFF)).isEqualTo("No differences between a and b.\n");
    }
}
