package dev.ferry.cli;

import dev.ferry.report.Ansi;
import dev.ferry.report.Progress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where a command's output goes and how it looks: results on stdout, messages and progress on
 * stderr; --json for machines, --quiet for scripts, colours only on a terminal.
 */
final class Console {
    private final PrintStream out;
    private final PrintStream err;
    private final PrintStream rawOut;
    private final BufferedReader in;
    private final boolean terminal;
    private final boolean colorAllowed;
    private boolean json;
    private boolean quiet;
    private boolean noColor;

    /** {@code rawOut} is stdout without the secret mask, for result SQL that must stay byte-exact. */
    Console(PrintStream out, PrintStream rawOut, PrintStream err, boolean terminal, boolean colorAllowed, InputStream in) {
        this.rawOut = rawOut;
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.colorAllowed = colorAllowed;
    }

    void configure(boolean json, boolean quiet, boolean noColor) {
        this.json = json;
        this.quiet = quiet;
        this.noColor = noColor;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    boolean json() {
        return json;
    }

    Ansi ansi() {
        return new Ansi(terminal && colorAllowed && !noColor && !json);
    }

    /** A progress or status note for a person watching: only on a terminal, never with --quiet or --json. */
    void note(String message) {
        if (terminal && !quiet && !json) {
            err.println(ansi().dim(message));
        }
    }

    /**
     * What a command found or did along the way that the reader must not miss (an earlier run that
     * was killed, sessions ended): on stderr always, also when not on a terminal, so logs keep it.
     */
    void report(String message) {
        err.println(message);
    }

    /** Progress for long work: drawn on a terminal, silent otherwise and with --quiet or --json. */
    Progress progress() {
        return terminal && !quiet && !json ? new TerminalProgress(err) : Progress.NONE;
    }

    /** Whether a person is there to answer a question. */
    boolean interactive() {
        return terminal;
    }

    /**
     * Asks a person on the terminal (the question on stderr, so stdout stays the result) and returns
     * the answer, or empty when nobody is there or the input ends.
     */
    Optional<String> ask(String question) {
        if (!terminal) {
            return Optional.empty();
        }
        err.print(question);
        err.flush();
        try {
            return Optional.ofNullable(in.readLine()).map(String::strip);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** One line of standard input, piped or typed (ferry serve --hash-key), or empty when the input ends. */
    Optional<String> readLine() {
        try {
            return Optional.ofNullable(in.readLine()).map(String::strip);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Result SQL (a diff script) for the user to run or save: written past the secret mask, because
     * masking a word such as {@code public} inside it would corrupt the script (see SecretMask).
     * Skipped with --quiet.
     */
    void sql(String script) {
        if (!quiet) {
            out.flush();
            rawOut.print(script);
            rawOut.flush();
        }
    }

    /** A result for a person: skipped with --quiet. */
    void result(String text) {
        if (!quiet) {
            out.print(text);
            out.flush();
        }
    }
}
