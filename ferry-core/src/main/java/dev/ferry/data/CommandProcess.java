package dev.ferry.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The running process of a {@code .cmd} migration. It is started without a shell; its stdout is read
 * by the caller; each line of its stderr goes to {@code stderrLines} and the last few are kept for the
 * message of a failure. It never outlives Ferry: closing it, or Ferry's exit (a shutdown hook),
 * destroys it with its children. Against a {@code kill -9}, when no code of Ferry's runs, its stdin is
 * a pipe that Ferry holds open and never writes to: end of file on it tells the process that Ferry is
 * gone, and its next line to the closed stdout fails too (EPIPE).
 */
final class CommandProcess implements AutoCloseable {
    private static final int TAIL_LINES = 5;
    private static final long GRACE_SECONDS = 5;
    private final Process process;
    private final Reader stdout;
    private final char[] buffer = new char[1 << 14];
    private int position;
    private int filled;
    private boolean cut;
    private final Thread stderr;
    private final Thread onExit;
    private final Deque<String> tail = new ArrayDeque<>();

    private CommandProcess(Process process, Consumer<String> stderrLines, String name) {
        this.process = process;
        this.stdout = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8);
        this.stderr = new Thread(() -> pump(stderrLines), name + " stderr");
        this.stderr.setDaemon(true);
        this.stderr.start();
        this.onExit = new Thread(this::destroy, name + " stop");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /**
     * Starts {@code command} in {@code directory} with {@code variables} added to Ferry's own environment.
     *
     * @throws IOException when the program cannot be started (not found, not executable)
     */
    static CommandProcess start(List<String> command, Path directory, Map<String, String> variables, Consumer<String> stderrLines, String name)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().putAll(variables);
        return new CommandProcess(builder.start(), stderrLines, name);
    }

    /** Its stdout, a line at a time (without the line's end); null at its end. */
    String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            if (position == filled) {
                filled = Math.max(0, stdout.read(buffer, 0, buffer.length));
                position = 0;
                if (filled == 0) {
                    cut = line.length() > 0;
                    return cut ? line.toString() : null;
                }
            }
            int start = position;
            while (position < filled && buffer[position] != '\n') {
                position++;
            }
            line.append(buffer, start, position - start);
            if (position < filled) {
                position++;
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
        }
    }

    /**
     * Whether the line just read ended without a line's end: stdout closed in the middle of a line, as
     * when a process dies (or exits before its output was written out) while writing.
     */
    boolean cut() {
        return cut;
    }

    /** Waits for it to end (its stderr read to the end too); its exit code. */
    int waitFor() throws InterruptedException {
        int code = process.waitFor();
        // a child of the process may hold stderr open after it ended: its last lines are not worth a hang
        stderr.join(TimeUnit.SECONDS.toMillis(GRACE_SECONDS));
        return code;
    }

    /** Its last lines on stderr, oldest first. */
    List<String> stderrTail() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // Ferry is exiting: the hook runs, or ran, destroy() itself
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the process is gone; so is the pipe
        }
    }

    /** Ends the process and its children: politely, then, after a grace period, by force. */
    private void destroy() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void pump(Consumer<String> lines) {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                if (!line.isBlank()) {
                    synchronized (tail) {
                        if (tail.size() == TAIL_LINES) {
                            tail.removeFirst();
                        }
                        tail.addLast(line);
                    }
                }
                try {
                    lines.accept(line);
                } catch (UncheckedIOException e) {
                    // Ferry's own stderr is closed: the process's is still read, so that it never blocks on a full pipe
                }
            }
        } catch (IOException e) {
            // the process ended, or was destroyed, while its stderr was read: what was read is kept
        }
    }
}
