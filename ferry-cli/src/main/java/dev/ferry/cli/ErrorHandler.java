package dev.ferry.cli;

import dev.ferry.error.ExitCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Json;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place where failures become what the user sees and the exit code: one line and a hint
 * for an ordinary mistake, the stack trace only with -v.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IExitCodeExceptionMapper {
    private final CliContext context;

    ErrorHandler(CliContext context) {
        this.context = context;
    }

    @Override
    public int getExitCode(Throwable t) {
        if (t instanceof FerryException f) {
            return f.exitCode().code();
        }
        return t instanceof CommandLine.ParameterException ? ExitCode.USAGE.code() : ExitCode.STEP_FAILED.code();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        Console console = context.console();
        if (console.json()) {
            console.out().println(Json.write(Map.of("error", describe(ex))));
        } else {
            console.err().println(console.ansi().red("error: ") + message(ex));
            if (ex instanceof FerryException f) {
                f.hint().ifPresent(h -> console.err().println("hint: " + h));
            } else if (ex instanceof CommandLine.ParameterException) {
                console.err().println("hint: ferry --help lists the commands");
            } else if (!context.verbose()) {
                console.err().println("hint: this is a bug in Ferry; run again with -v for the stack trace and report it");
            }
        }
        if (context.verbose()) {
            StringWriter trace = new StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            console.err().print(trace);
        }
        console.err().flush();
        console.out().flush();
        return getExitCode(ex);
    }

    private static String message(Exception ex) {
        return ex instanceof FerryException || ex instanceof CommandLine.ParameterException ? ex.getMessage()
                : ex.getClass().getSimpleName() + ": " + ex.getMessage();
    }

    private Map<String, Object> describe(Exception ex) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", ex instanceof FerryException f ? f.code().name() : "INTERNAL");
        error.put("message", message(ex));
        if (ex instanceof FerryException f && f.hint().isPresent()) {
            error.put("hint", f.hint().get());
        }
        error.put("exitCode", getExitCode(ex));
        return error;
    }
}
