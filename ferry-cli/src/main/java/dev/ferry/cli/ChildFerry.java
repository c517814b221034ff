package dev.ferry.cli;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ferry ARGS} as a process of its own: the same java and class path, this run's environment,
 * in a given directory. For work whose timings are compared with a later command's, which will also
 * start in a new process: a rehearsal's plan predicts the downtime of {@code ferry run} and must not
 * find the code warmed up by the scratch copies made before it.
 */
final class ChildFerry {
    /** What the process gave: its exit code and what it wrote to stderr. */
    record Outcome(String command, int exit, String errors) {
    }

    private final CliContext context;

    ChildFerry(CliContext context) {
        this.context = context;
    }

    /**
     * Runs {@code ferry ARGS} in {@code dir} and waits for it: its stdout goes to {@code out} (kept
     * aside when null), its stderr to this run's stderr as it comes. It reads no input.
     */
    Outcome run(Path dir, List<String> args, OutputStream out) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath(),
                Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().putAll(context.environment());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String label = "ferry " + String.join(" ", args);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            Thread errors = new Thread(() -> pump(process.getErrorStream(), new Tee(context.console().err(), err)), "child-ferry-stderr");
            errors.start();
            pump(process.getInputStream(), out == null ? OutputStream.nullOutputStream() : out);
            int exit = process.waitFor();
            errors.join();
            return new Outcome(label, exit, err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "could not start " + label + ": " + e.getMessage(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException(ErrorCode.STEP_FAILED, "interrupted while " + label + " ran", null, e);
        }
    }

    /** The global options a child needs to see the same workspace and print as this run does. */
    static List<String> flags(GlobalOptions.Settings settings, Path workDir) {
        List<String> flags = new ArrayList<>();
        if (settings.config != null) {
            flags.addAll(List.of("--config", workDir.resolve(settings.config).toString()));
        }
        if (settings.envFile != null) {
            flags.addAll(List.of("--env-file", workDir.resolve(settings.envFile).toString()));
        }
        if (settings.json) {
            flags.add("--json");
        }
        flags.addAll(displayFlags(settings));
        if (settings.verbose) {
            flags.add("--verbose");
        }
        return flags;
    }

    /** The options that shape how a command's output looks, not what it is: --quiet, --no-color. */
    static List<String> displayFlags(GlobalOptions.Settings settings) {
        List<String> flags = new ArrayList<>();
        if (settings.quiet) {
            flags.add("--quiet");
        }
        if (settings.noColor) {
            flags.add("--no-color");
        }
        return flags;
    }

    /** This JVM's class path with every entry absolute: the child runs elsewhere. */
    private static String classPath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    }

    private static void pump(InputStream from, OutputStream to) {
        try (from) {
            from.transferTo(to);
            to.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes to two streams: the child's messages are shown as they come and kept for its error. */
    static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
