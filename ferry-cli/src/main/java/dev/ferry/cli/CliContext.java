package dev.ferry.cli;

import dev.ferry.connect.SecretMask;
import dev.ferry.spi.Dialects;

import java.nio.file.Path;
import java.util.Map;

/**
 * What one run of the command line works with, handed to each command: no static state, so tests
 * run commands in-process side by side.
 */
final class CliContext {
    private final Map<String, String> environment;
    private final Path workDir;
    private final Console console;
    private final SecretMask mask;
    private final Dialects dialects;
    private boolean verbose;

    CliContext(Map<String, String> environment, Path workDir, Console console, SecretMask mask, Dialects dialects) {
        this.environment = Map.copyOf(environment);
        this.workDir = workDir;
        this.console = console;
        this.mask = mask;
        this.dialects = dialects;
    }

    Map<String, String> environment() {
        return environment;
    }

    Path workDir() {
        return workDir;
    }

    Console console() {
        return console;
    }

    SecretMask mask() {
        return mask;
    }

    Dialects dialects() {
        return dialects;
    }

    boolean verbose() {
        return verbose;
    }

    void verbose(boolean v) {
        verbose = v;
    }
}
