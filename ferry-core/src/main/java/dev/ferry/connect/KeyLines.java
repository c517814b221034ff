package dev.ferry.connect;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each key of a YAML file stands ({@code environments.prod.url} → line 4, column 9), read once
 * from the token stream: the bound records have no positions, and YAML itself lets a repeated key
 * silently replace the first, which here is an error naming both lines. Keys of list items carry
 * their index: {@code checks.2.unique.columns}. Used for ferry.yaml and checks.yaml.
 */
public final class KeyLines {
    private final Path file;
    private final Map<String, JsonLocation> keys;

    private KeyLines(Path file, Map<String, JsonLocation> keys) {
        this.file = file;
        this.keys = keys;
    }

    /** Scans {@code text}; throws a CONFIG error for a key that appears twice in one mapping. */
    public static KeyLines scan(YAMLFactory yaml, Path file, String text) throws JsonProcessingException {
        Map<String, JsonLocation> keys = new HashMap<>();
        try (JsonParser p = yaml.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    String key = dotted(p.getParsingContext().pathAsPointer().toString());
                    JsonLocation at = p.currentTokenLocation();
                    JsonLocation first = keys.putIfAbsent(key, at);
                    if (first != null) {
                        String where = first.getLineNr() == at.getLineNr() ? "twice on line " + at.getLineNr()
                                : "twice, on lines " + first.getLineNr() + " and " + at.getLineNr();
                        throw new FerryException(ErrorCode.CONFIG, file + " line " + at.getLineNr() + ", column " + at.getColumnNr() + ": '" + key
                                + "' is set " + where,
                                "keep one of them; YAML would otherwise quietly use the last");
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KeyLines(file, keys);
    }

    public Optional<JsonLocation> location(String key) {
        return Optional.ofNullable(keys.get(key));
    }

    /** "FILE line N: key", or "FILE: key" for a key not written in the file. */
    public String where(String key) {
        return location(key).map(l -> file + " line " + l.getLineNr() + ": " + key).orElse(file + ": " + key);
    }

    /** A JSON pointer such as /environments/prod/url as environments.prod.url. */
    static String dotted(String pointer) {
        return pointer.replaceFirst("^/", "").replace("/", ".").replace("~1", "/").replace("~0", "~");
    }
}
