package dev.ferry.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The protocol a {@code .cmd} migration speaks on stdout: one JSON object a line, each holding one of
 * <pre>{@code
 * {"record":{"key":42,"outcome":"migrated"}}                       outcome: migrated, skipped or error; "reason" optional
 * {"checkpoint":{"key":"42","processed":10000}}                    after the process COMMITTED the batch up to key 42
 * {"progress":{"done":20000,"total":1000000}}
 * {"note":"2 accounts had no bank details"}
 * }</pre>
 * Each becomes the call of the same name on the {@link DataContext}. Blank lines are passed over;
 * anything else is a {@link ProtocolError} naming the line, since output Ferry does not understand
 * could hide a checkpoint it should have recorded.
 */
final class CommandOutput {
    /** Strict: {"note":"a"} garbage, or a field given twice, is not one message. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final int SHOWN = 200;
    private static final String EXPECTED = "each line of stdout is one JSON object: {\"record\":{…}}, {\"checkpoint\":{…}}, {\"progress\":{…}} or"
            + " {\"note\":\"…\"}; anything else goes to stderr";
    private final DataContext context;
    private final UnaryOperator<String> mask;

    /** A line of stdout that is not the protocol. */
    static final class ProtocolError extends Exception {
        ProtocolError(String message) {
            super(message, null, false, false);
        }
    }

    /** @param mask applied to every text of the process's that Ferry shows or keeps (reasons, notes, the line of an error) */
    CommandOutput(DataContext context, UnaryOperator<String> mask) {
        this.context = context;
        this.mask = mask;
    }

    /** Does what line {@code n} of stdout says. */
    void apply(String line, int n) throws Exception {
        if (line.isBlank()) {
            return;
        }
        JsonNode message = parse(line, n);
        Map.Entry<String, JsonNode> only = message.fields().next();
        JsonNode body = only.getValue();
        switch (only.getKey()) {
            case "record" -> record(fields(body, n, "record", Set.of("key", "outcome", "reason")), n);
            case "checkpoint" -> {
                JsonNode checkpoint = fields(body, n, "checkpoint", Set.of("key", "processed"));
                context.checkpoint(key(checkpoint, n, "checkpoint").toString(), count(checkpoint, "processed", n, "checkpoint"));
            }
            case "progress" -> {
                JsonNode progress = fields(body, n, "progress", Set.of("done", "total"));
                context.progress(count(progress, "done", n, "progress"), count(progress, "total", n, "progress"));
            }
            case "note" -> {
                if (!body.isTextual()) {
                    throw error(n, line, "a note is a string: {\"note\":\"…\"}");
                }
                context.note(mask.apply(body.asText()));
            }
            default -> throw error(n, line, "'" + only.getKey() + "' is not a message Ferry knows");
        }
    }

    private JsonNode parse(String line, int n) throws ProtocolError {
        JsonNode message;
        try {
            message = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            // the parser's detail helps with what was meant to be JSON, not with a line of prose
            throw error(n, line, "it is not JSON" + (line.strip().startsWith("{")
                    ? " (" + mask.apply(e.getOriginalMessage().lines().findFirst().orElse("")) + ")" : ""));
        }
        if (message == null || !message.isObject() || message.size() != 1) {
            throw error(n, line, "it is not an object with one field");
        }
        return message;
    }

    private void record(JsonNode record, int n) throws ProtocolError {
        Object key = key(record, n, "record");
        JsonNode outcome = record.get("outcome");
        JsonNode reasonNode = record.get("reason");
        String reason = reasonNode == null || reasonNode.isNull() ? null : mask.apply(reasonNode.asText());
        switch (outcome == null ? "" : outcome.asText()) {
            case "migrated" -> context.migrated(key, reason);
            case "skipped" -> context.skipped(key, reason);
            case "error" -> context.error(key, reason);
            default -> throw error(n, record.toString(), "a record's outcome is migrated, skipped or error, not "
                    + (outcome == null ? "missing" : "'" + outcome.asText() + "'"));
        }
    }

    /** The body of a message: an object holding only {@code allowed} fields. */
    private JsonNode fields(JsonNode body, int n, String what, Set<String> allowed) throws ProtocolError {
        if (!body.isObject()) {
            throw error(n, body.toString(), "a " + what + " is an object, e.g. " + example(what));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw error(n, body.toString(), "a " + what + " has no field '" + name + "': " + example(what));
            }
        }
        return body;
    }

    /** A record's or checkpoint's key: a whole number stays one (the log keeps its type), anything else is its text. */
    private Object key(JsonNode body, int n, String what) throws ProtocolError {
        JsonNode key = body.get("key");
        if (key == null || key.isNull() || key.isContainerNode()) {
            throw error(n, body.toString(), "a " + what + " needs a key (a number or a string): " + example(what));
        }
        return key.canConvertToExactIntegral() && key.canConvertToLong() ? (Object) key.asLong() : key.asText();
    }

    private long count(JsonNode body, String field, int n, String what) throws ProtocolError {
        JsonNode value = body.get(field);
        if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong() || value.asLong() < 0) {
            throw error(n, body.toString(), "a " + what + "'s " + field + " is a whole number of rows, 0 or more: " + example(what));
        }
        return value.asLong();
    }

    private static String example(String what) {
        return switch (what) {
            case "record" -> "{\"record\":{\"key\":42,\"outcome\":\"error\",\"reason\":\"not an IBAN\"}}";
            case "checkpoint" -> "{\"checkpoint\":{\"key\":\"42\",\"processed\":10000}}";
            default -> "{\"progress\":{\"done\":20000,\"total\":1000000}}";
        };
    }

    private ProtocolError error(int n, String text, String what) {
        String shown = text.length() > SHOWN ? text.substring(0, SHOWN) + "…" : text;
        return new ProtocolError("line " + n + " of the command's stdout, '" + mask.apply(shown) + "', is not Ferry's protocol: " + what + " (" + EXPECTED + ")");
    }
}
