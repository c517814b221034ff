package dev.ferry.cli;

import dev.ferry.connect.SecretMask;
import dev.ferry.connect.Target;
import dev.ferry.connect.Workspace;
import dev.ferry.spi.Dialects;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What one run of the command line works with, handed to each command: no static state, so tests
 * run commands in-process side by side.
 */
final class CliContext {
    private final Map<String, String> environment;
    private final Path workDir;
    private final Console console;
    private final SecretMask mask;
    private final Supplier<Dialects> dialectLoader;
    private Dialects dialects;
    private boolean verbose;

    CliContext(Map<String, String> environment, Path workDir, Console console, SecretMask mask, Supplier<Dialects> dialectLoader) {
        this.environment = Map.copyOf(environment);
        this.workDir = workDir;
        this.console = console;
        this.mask = mask;
        this.dialectLoader = dialectLoader;
    }

    /** ferry.yaml, the env file and the environment, as the global options name them. */
    Workspace workspace(GlobalOptions.Settings settings) {
        return Workspace.load(workDir, settings.config, settings.envFile, environment, mask);
    }

    /** As {@link #workspace}, with two environments on one database left for ferry doctor to report. */
    Workspace workspaceForDoctor(GlobalOptions.Settings settings) {
        return Workspace.loadForDoctor(workDir, settings.config, settings.envFile, environment, mask);
    }

    /**
     * The one check before a command writes: a protected environment needs --yes or its typed name
     * (before connecting); the result then refuses a database that another environment has written
     * to and records this one (once connected). Commands declare that they write by implementing
     * {@link WritesDatabase}.
     */
    EnvironmentWrites confirmWrite(Target target, String command, GlobalOptions.Settings settings) {
        ProtectedWrites.confirm(target, command, settings.yes, console);
        return EnvironmentWrites.of(target, command, host());
    }

    /** The machine this run is on, as ferry_environment records it: HOSTNAME when set, else the local host's name. */
    String host() {
        String named = environment.getOrDefault("HOSTNAME", environment.get("COMPUTERNAME"));
        if (named != null && !named.isBlank()) {
            return named;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException unknown) {
            return null;
        }
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

    /** Loaded on first use: --version and --help need no JDBC driver, and start faster without. */
    Dialects dialects() {
        if (dialects == null) {
            dialects = dialectLoader.get();
        }
        return dialects;
    }

    boolean verbose() {
        return verbose;
    }

    void verbose(boolean v) {
        verbose = v;
    }
}
