package dev.ferry.connect;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ferry.error.FerryException;

import java.nio.file.Path;
import java.util.function.BiFunction;

/**
 * A YAML file as Ferry's readers of ferry.yaml, checks.yaml, mapping.yaml and PLAN.yaml take it: its
 * text, its tree, and where each key stands ({@link KeyLines}: a key set twice is an error there). YAML
 * that does not parse is the reader's own error at the line and column the parser gives.
 *
 * <pre>{@code
 * YamlDocument doc = YamlDocument.read(shown, path, "the plan", "write it …", (at, what) -> error(at, what));
 * }</pre>
 */
public record YamlDocument(String text, JsonNode tree, KeyLines keys) {
    private static final YAMLFactory YAML_FACTORY = new YAMLFactory();
    private static final ObjectMapper YAML = new ObjectMapper(YAML_FACTORY);

    /**
     * @param what    the file as messages call it ("the plan")
     * @param missing the hint when it cannot be read
     * @param error   the reader's error at a place (null: the file as a whole) for what is wrong there
     */
    public static YamlDocument read(Path shown, Path path, String what, String missing, BiFunction<JsonLocation, String, FerryException> error) {
        return parse(shown, TextFiles.readUtf8(path, what, missing), error);
    }

    public static YamlDocument parse(Path shown, String text, BiFunction<JsonLocation, String, FerryException> error) {
        try {
            KeyLines keys = KeyLines.scan(YAML_FACTORY, shown, text);
            return new YamlDocument(text, YAML.readTree(text), keys);
        } catch (JsonProcessingException e) {
            throw error.apply(e.getLocation(), "not valid YAML: " + problem(e.getOriginalMessage()));
        }
    }

    /** SnakeYAML's first line ("while parsing a flow mapping") and, when it says one, what it expected. */
    private static String problem(String message) {
        if (message == null) {
            return "";
        }
        String first = message.lines().findFirst().orElse("").strip();
        return message.lines().map(String::strip).filter(l -> l.startsWith("expected") || l.startsWith("found"))
                .findFirst().map(l -> first + ": " + l).orElse(first);
    }
}
