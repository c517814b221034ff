package dev.ferry.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalProgressTest {

    @Test
    void drawsOneRewrittenLineAndClearsItAtTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {1_000_000_000L};
        TerminalProgress progress = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now[0]);
        now[0] += 200_000_000L;
        progress.update("counting rows of public.track", 0, 3);
        now[0] += 50_000_000L;
        progress.update("counting rows of public.album", 1, 3); // within 100 ms: not redrawn
        now[0] += 50_000_000L;
        progress.update("done", 3, 3);
        progress.finish();
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertThat(shown).startsWith("\rcounting rows of public.track  0/3 (")
                .doesNotContain("public.album").contains("\rdone  3/3 (").endsWith("\r").doesNotContain("\n");
    }

    @Test
    void anUnknownTotalShowsTheCountAndRateWithoutTimeLeft() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TerminalProgress progress = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        progress.update("public.customers, rows", 120000, 0);
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertThat(shown).startsWith("\rpublic.customers, rows  120000 (").contains("/s)").doesNotContain("/0", "left");
    }

    @Test
    void finishWithoutAnyUpdatePrintsNothing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8)).finish();
        assertThat(bytes.size()).isZero();
    }
}
