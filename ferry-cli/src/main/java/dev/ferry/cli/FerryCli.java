package dev.ferry.cli;

import dev.ferry.connect.Redaction;
import dev.ferry.connect.SecretMask;
import dev.ferry.spi.Dialects;
import picocli.CommandLine;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * One run of the command line with its own streams, environment and working directory, so that
 * tests run it in-process exactly as {@link Main} does.
 *
 * <pre>{@code
 * int exit = new FerryCli(System.getenv(), Path.of(""), System.out, System.err, false).run("inspect", "--url", "sqlite:app.db");
 * }</pre>
 */
public final class FerryCli {
    private final CliContext context;

    public FerryCli(Map<String, String> environment, Path workDir, OutputStream out, OutputStream err, boolean terminal) {
        this(environment, workDir, out, err, terminal, InputStream.nullInputStream());
    }

    /** With {@code terminal} true, {@code in} is where the user answers a confirmation. */
    public FerryCli(Map<String, String> environment, Path workDir, OutputStream out, OutputStream err, boolean terminal, InputStream in) {
        SecretMask mask = new SecretMask();
        PrintStream redactedOut = new PrintStream(new RedactingOutputStream(out, mask), true, StandardCharsets.UTF_8);
        PrintStream redactedErr = new PrintStream(new RedactingOutputStream(err, mask), true, StandardCharsets.UTF_8);
        boolean colorAllowed = !environment.containsKey("NO_COLOR");
        PrintStream rawOut = new PrintStream(out, true, StandardCharsets.UTF_8);
        Console console = new Console(redactedOut, rawOut, redactedErr, terminal, colorAllowed, in);
        this.context = new CliContext(environment, workDir, console, mask, Dialects::load);
    }

    /** The secrets this run masks; Main routes System.out and System.err through the same mask. */
    SecretMask mask() {
        return context.mask();
    }

    public int run(String... args) {
        for (String arg : args) {
            registerArgumentSecrets(arg);
        }
        int exit = commandLine().execute(args);
        context.console().out().flush();
        context.console().err().flush();
        return exit;
    }

    /** The command tree of this run, wired to its context, streams and error handling. */
    CommandLine commandLine() {
        ErrorHandler errors = new ErrorHandler(context);
        return new CommandLine(FerryCommand.class, new ContextFactory(context))
                .setOut(new PrintWriter(context.console().out(), true))
                .setErr(new PrintWriter(context.console().err(), true))
                .setExecutionExceptionHandler(errors)
                .setExitCodeExceptionMapper(errors)
                .setExecutionStrategy(parseResult -> {
                    applySettings(parseResult.commandSpec().root().userObject());
                    return new CommandLine.RunLast().execute(parseResult);
                });
    }

    private void applySettings(Object root) {
        GlobalOptions.Settings s = ((FerryCommand) root).settings();
        context.verbose(s.verbose);
        context.console().configure(s.json, s.quiet, s.noColor);
    }

    /** A password typed on the command line is masked even where no URL parser sees it. */
    private void registerArgumentSecrets(String arg) {
        Redaction.secretsIn(arg).forEach(context.mask()::add);
    }

    /** Creates commands with the run's context; everything else the default way. */
    private record ContextFactory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            for (Constructor<?> c : cls.getDeclaredConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == CliContext.class) {
                    c.setAccessible(true);
                    return cls.cast(c.newInstance(context));
                }
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
