package dev.ferry.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options of PRODUCT.md that every command takes, before or after its name
 * ({@code ferry --json inspect} and {@code ferry inspect --json} mean the same). Mixed into every
 * command; values are stored on the root {@link FerryCommand} so there is one set per run.
 */
final class GlobalOptions {
    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    private picocli.CommandLine.Model.CommandSpec mixee;

    private FerryCommand root() {
        return (FerryCommand) mixee.root().userObject();
    }

    @Option(names = "--config", paramLabel = "FILE", description = "configuration file (default: ferry.yaml when present)")
    void config(Path file) {
        root().settings().config = file;
    }

    @Option(names = "--env-file", paramLabel = "FILE", description = "env file for $${VAR} values (default: .env beside ferry.yaml)")
    void envFile(Path file) {
        root().settings().envFile = file;
    }

    @Option(names = "--env", paramLabel = "NAME", description = "use the database of this environment in ferry.yaml")
    void env(String name) {
        root().settings().env = name;
    }

    @Option(names = "--json", description = "print the result as one JSON document")
    void json(boolean on) {
        root().settings().json = on;
    }

    @Option(names = "--quiet", description = "print nothing but errors")
    void quiet(boolean on) {
        root().settings().quiet = on;
    }

    @Option(names = "--no-color", description = "no colours in terminal output")
    void noColor(boolean on) {
        root().settings().noColor = on;
    }

    @Option(names = "--yes", description = "answer yes to confirmations (writes to protected environments)")
    void yes(boolean on) {
        root().settings().yes = on;
    }

    @Option(names = {"-v", "--verbose"}, description = "debug logging and stack traces")
    void verbose(boolean on) {
        root().settings().verbose = on;
    }

    /** The values of the global options for one run. */
    static final class Settings {
        Path config;
        Path envFile;
        String env;
        boolean json;
        boolean quiet;
        boolean noColor;
        boolean yes;
        boolean verbose;
    }
}
