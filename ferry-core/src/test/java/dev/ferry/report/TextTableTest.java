package dev.ferry.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextTableTest {

    @Test
    void alignsColumnsAndRightAlignsNumbers() {
        String text = new TextTable("table", "rows").rightAlign(1).row("track", "3,503").row("genre", "25").render();
        assertThat(text).isEqualTo("""
                table   rows
                -----  -----
                track  3,503
                genre     25
                """);
    }

    @Test
    void formatsSizesCountsAndDurations() {
        assertThat(Formats.bytes(-1)).isEqualTo("?");
        assertThat(Formats.bytes(512)).isEqualTo("512 B");
        assertThat(Formats.bytes(7_600_000)).isEqualTo("7.6 MB");
        assertThat(Formats.count(15607)).isEqualTo("15,607");
        assertThat(Formats.millis(87)).isEqualTo("87 ms");
        assertThat(Formats.millis(1234)).isEqualTo("1.23 s");
    }
}
