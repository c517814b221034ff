package dev.ferry.cli;

import dev.ferry.report.Progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress on one rewritten terminal line: what is happening, done of total, rate and time left.
 * Redraws at most ten times a second so that progress never slows the work.
 */
final class TerminalProgress implements Progress {
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final java.util.function.LongSupplier clock;
    private final long started;
    private long lastDraw;
    private int shownWidth;

    TerminalProgress(PrintStream err) {
        this(err, System::nanoTime);
    }

    /** @param clock nanoseconds, as {@link System#nanoTime()} counts them */
    TerminalProgress(PrintStream err, java.util.function.LongSupplier clock) {
        this.err = err;
        this.clock = clock;
        this.started = clock.getAsLong();
    }

    @Override
    public synchronized void update(String what, long done, long total) {
        long now = clock.getAsLong();
        if (now - lastDraw < REDRAW_NANOS && (total <= 0 || done < total)) {
            return;
        }
        lastDraw = now;
        double seconds = Math.max((now - started) / 1e9, 1e-3);
        double rate = done / seconds;
        String eta = done > 0 && total > done ? String.format(Locale.ROOT, ", %.0f s left", (total - done) / rate) : "";
        String line = total <= 0 ? String.format(Locale.ROOT, "%s  %d (%.1f/s)", what, done, rate) // a total nobody knows
                : String.format(Locale.ROOT, "%s  %d/%d (%.1f/s%s)", what, done, total, rate, eta);
        err.print("\r" + line + " ".repeat(Math.max(0, shownWidth - line.length())));
        err.flush();
        shownWidth = line.length();
    }

    @Override
    public synchronized void finish() {
        if (shownWidth > 0) {
            err.print("\r" + " ".repeat(shownWidth) + "\r");
            err.flush();
            shownWidth = 0;
        }
    }
}
