package dev.ferry.connect;

import com.fasterxml.jackson.databind.JsonNode;

/** How a value found in a YAML file is named in an error: "the text 'x'", "a list", "empty". */
public final class YamlValues {
    private YamlValues() {
    }

    public static String found(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "empty";
        }
        if (value.isTextual()) {
            return "the text '" + value.asText() + "'";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        return "the value " + value.asText();
    }
}
