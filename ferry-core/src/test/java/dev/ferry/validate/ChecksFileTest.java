package dev.ferry.validate;

import dev.ferry.error.ExitCode;
import dev.ferry.error.FerryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChecksFileTest {
    @TempDir
    Path dir;

    private ChecksFile load(String yaml) throws IOException {
        Path file = dir.resolve("checks.yaml");
        Files.writeString(file, yaml);
        return ChecksFile.load(Path.of("checks.yaml"), file);
    }

    @Test
    void eachKindIsReadWithItsLineAndADerivedNameWhenNoneIsGiven() throws IOException {
        ChecksFile file = load("""
                checks:
                  - name: kept
                    rowCount: { table: public.t, equals: baseline }
                  - rowCount: { table: t, min: 2 }
                  - notNull: { table: t, columns: [a, b] }
                  - foreignKey: { table: l, column: t_id, references: s.t.id }
                  - sql: { query: "select 1", expect: none }
                  - sql: { query: "select 1", expect: 1 }
                  - sample: { table: t }
                """);
        List<Check> checks = file.checks();
        assertThat(checks.get(0)).isEqualTo(new Check.RowCount("kept", 3, new TableRef("public", "t"), true, null, null, null));
        assertThat(checks.get(1)).isEqualTo(new Check.RowCount("rowCount t", 4, new TableRef(null, "t"), false, null, 2L, null));
        assertThat(checks.get(2)).isEqualTo(new Check.NotNull("notNull t.a, b", 5, new TableRef(null, "t"), List.of("a", "b")));
        assertThat(checks.get(3)).isEqualTo(new Check.ForeignKey("foreignKey l.t_id → s.t.id", 6, new TableRef(null, "l"), "t_id", new TableRef("s", "t"), "id"));
        assertThat(checks.get(4)).isEqualTo(new Check.Sql("sql (line 7)", 7, "select 1", null, true));
        assertThat(checks.get(5)).isEqualTo(new Check.Sql("sql (line 8)", 8, "select 1", "1", false));
        assertThat(checks.get(6)).isEqualTo(new Check.Sample("sample of t", 9, new TableRef(null, "t"), 5));
        assertThat(file.baselineLines()).containsExactly(3);
    }

    @Test
    void equalsAndARangeTogetherAreRefusedWhereTheyStand() {
        assertThatThrownBy(() -> load("checks:\n  - rowCount: { table: t, equals: 3, max: 4 }\n"))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessage("checks.yaml line 2, column 27: rowCount takes equals: or min:/max:, not both");
    }

    @Test
    void aRangeTheWrongWayRoundIsRefused() {
        assertThatThrownBy(() -> load("checks:\n  - rowCount: { table: t, min: 5, max: 4 }\n"))
                .hasMessage("checks.yaml line 2, column 27: rowCount min: 5 is above max: 4");
    }
}
