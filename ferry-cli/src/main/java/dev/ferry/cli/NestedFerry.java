package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code ferry --json --yes ARGS} run in this process, as a plan's step or a rehearsal runs Ferry's own
 * commands: the run's environment, working directory and configuration options, its messages handed on
 * line by line, its result (or its error) read as the JSON it prints. The confirmation was the caller's.
 */
final class NestedFerry {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CliContext context;
    private final GlobalOptions.Settings settings;

    NestedFerry(CliContext context, GlobalOptions.Settings settings) {
        this.context = context;
        this.settings = settings;
    }

    /** What one command gave: its exit code, its JSON result (or {"error": …}), its messages. */
    record Outcome(String command, int exit, JsonNode json, String errors) {
        /** The result, or the command's own error (message, hint, and the kind its exit code says) as a FerryException. */
        JsonNode require() {
            if (exit == 0) {
                return json;
            }
            JsonNode error = json.path("error");
            String message = error.path("message").asText(errors.lines().filter(l -> l.startsWith("error: ")).findFirst().map(l -> l.substring(7))
                    .orElse("exit " + exit));
            String hint = error.hasNonNull("hint") ? error.get("hint").asText() : null;
            throw new FerryException(exit == 5 ? ErrorCode.LOCKED : exit == 3 ? ErrorCode.CONNECT : exit == 2 ? ErrorCode.USAGE : ErrorCode.STEP_FAILED,
                    command + " failed: " + message, hint);
        }
    }

    Outcome run(List<String> args, Consumer<String> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--json", "--yes"));
        if (settings.config != null) {
            all.addAll(List.of("--config", settings.config.toString()));
        }
        if (settings.envFile != null) {
            all.addAll(List.of("--env-file", settings.envFile.toString()));
        }
        all.addAll(args);
        int exit = new FerryCli(context.environment(), context.workDir(), out, err, false).run(all.toArray(String[]::new));
        String errors = err.toString(StandardCharsets.UTF_8).strip();
        if (!errors.isEmpty()) {
            errors.lines().forEach(messages);
        }
        JsonNode json;
        try {
            String text = out.toString(StandardCharsets.UTF_8);
            json = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            json = JSON.createObjectNode();
        }
        return new Outcome("ferry " + String.join(" ", args), exit, json, errors);
    }
}
