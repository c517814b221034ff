package dev.ferry.backup;

import dev.ferry.connect.Redaction;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs a client tool (pg_dump, pg_restore, docker) as a child process: secrets go into its
 * environment, never onto its command line; its standard output goes to a file or is kept; what it
 * wrote on standard error is kept (the last 16 KB) and comes back with every secret masked.
 */
final class ChildProcess {
    private static final int KEPT_ERROR_BYTES = 16 * 1024;

    private final List<String> command;
    private final Map<String, String> environment;
    private final List<String> secrets;
    private final ByteArrayOutputStream errorTail = new ByteArrayOutputStream();
    private Thread errors;

    /**
     * @param environment the whole environment of the child (it inherits nothing else)
     * @param secrets     values masked wherever the child's output is shown
     */
    ChildProcess(List<String> command, Map<String, String> environment, List<String> secrets) {
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.secrets = secrets.stream().filter(s -> s != null && !s.isEmpty()).toList();
    }

    /** Runs it with its standard output written to {@code stdout}; throws a STEP_FAILED naming {@code what} unless it exits 0. */
    void runInto(Path stdout, String what) {
        ProcessBuilder pb = builder().redirectOutput(stdout.toFile());
        finish(start(pb, what), what);
    }

    /** Runs it reading {@code stdin} (a client that executes a script); its output discarded; STEP_FAILED unless it exits 0. */
    void runFrom(Path stdin, String what) {
        ProcessBuilder pb = builder().redirectInput(stdin.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        finish(start(pb, what), what);
    }

    /** Runs it and returns its standard output; throws a STEP_FAILED naming {@code what} unless it exits 0. */
    String output(String what) {
        Process p = start(builder(), what);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, what + " failed: " + e.getMessage(), null, e);
        }
        finish(p, what);
        return out.toString(StandardCharsets.UTF_8);
    }

    private ProcessBuilder builder() {
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(environment);
        return pb;
    }

    private Process start(ProcessBuilder pb, String what) {
        try {
            Process p = pb.start();
            errors = new Thread(() -> keepErrors(p), "child-stderr");
            errors.setDaemon(true);
            errors.start();
            return p;
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, what + " cannot start: " + masked(e.getMessage()), null, null);
        }
    }

    /** Reads standard error as it comes (a full pipe would stall the child), keeping its end. */
    private void keepErrors(Process p) {
        byte[] buffer = new byte[8192];
        try (InputStream in = p.getErrorStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                synchronized (errorTail) {
                    errorTail.write(buffer, 0, n);
                    if (errorTail.size() > 2 * KEPT_ERROR_BYTES) {
                        byte[] all = errorTail.toByteArray();
                        errorTail.reset();
                        errorTail.write(all, all.length - KEPT_ERROR_BYTES, KEPT_ERROR_BYTES);
                    }
                }
            }
        } catch (IOException e) {
            // the child is gone; its exit code tells
        }
    }

    private void finish(Process p, String what) {
        try {
            int exit = p.waitFor();
            errors.join();
            if (exit != 0) {
                String said = errorText();
                throw new FerryException(ErrorCode.STEP_FAILED, what + " failed (exit " + exit + ")" + (said.isEmpty() ? "" : ": " + said), null);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new FerryException(ErrorCode.STEP_FAILED, what + " was interrupted", null, e);
        }
    }

    /** What the child wrote on standard error, masked and trimmed. */
    String errorText() {
        String text;
        synchronized (errorTail) {
            text = errorTail.toString(StandardCharsets.UTF_8).strip();
        }
        return masked(text);
    }

    private String masked(String text) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, Redaction.MASK);
        }
        return Redaction.redactSecretPositions(out);
    }
}
