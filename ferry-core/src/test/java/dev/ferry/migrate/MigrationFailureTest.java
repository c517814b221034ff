package dev.ferry.migrate;

import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationFailureTest {

    @Test
    void aLongStatementIsShownByItsHeadAndTheLinesAroundTheError() {
        String sql = IntStream.rangeClosed(1, 40).mapToObj(i -> "line" + i).collect(Collectors.joining("\n"));
        String shown = MigrationFailure.excerpt(sql, 19);
        assertThat(shown).contains("    line1\n    line2\n    line3\n    …\n    line18\n    line19\n    line20\n    line21\n    line22\n    … (18 more lines)");
        assertThat(shown).doesNotContain("line4\n", "line30");
        assertThat(MigrationFailure.excerpt(sql, 0)).endsWith("    line10\n    … (30 more lines)");
        assertThat(MigrationFailure.excerpt("SELECT 1", 0)).isEqualTo("    SELECT 1");
    }
}
