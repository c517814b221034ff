package dev.ferry.connect;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import dev.ferry.report.Formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads and validates ferry.yaml; errors name the file, line, column and key. */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ConfigLoader() {
    }

    public static FerryConfig load(Path file, Variables variables) {
        FerryConfig config = parse(file);
        checkDistinctDatabases(file, config, variables);
        return config;
    }

    private static FerryConfig parse(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new FerryException(ErrorCode.FILE_NOT_FOUND, "the configuration file " + file + " does not exist",
                    "create it (see examples/ferry.yaml) or leave out --config");
        }
        try {
            FerryConfig config = YAML.readValue(file.toFile(), FerryConfig.class);
            return config == null ? FerryConfig.EMPTY : config;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw error(file, keyLocation(file, e.getPropertyName()).orElse(e.getLocation()),
                    "unknown key '" + e.getPropertyName() + "'" + (known.isEmpty() ? "" : " (expected one of: " + known + ")"));
        } catch (MismatchedInputException e) {
            throw error(file, e.getLocation(), "'" + path(e) + "' has the wrong shape: " + Formats.firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw error(file, e.getLocation(), "not valid YAML: " + Formats.firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new FerryException(ErrorCode.CONFIG, "cannot read " + file + ": " + e.getMessage(), null, e);
        }
    }

    /** Two environments on one database would let a "staging" command hit production. */
    private static void checkDistinctDatabases(Path file, FerryConfig config, Variables variables) {
        Map<String, String> seen = new HashMap<>();
        config.environments().forEach((name, env) -> {
            String key = identity(env, variables).orElse(null);
            if (key == null) {
                return;
            }
            String other = seen.putIfAbsent(key, name);
            if (other != null && !(env.shared() && config.environments().get(other).shared())) {
                throw new FerryException(ErrorCode.CONFIG, file + ": environments '" + other + "' and '" + name
                        + "' point at the same database (" + key + ")",
                        "give each environment its own database, or mark both with shared: true");
            }
        });
    }

    /** The database an environment points at, or empty while its URL cannot be resolved. */
    static Optional<String> identity(EnvironmentConfig env, Variables variables) {
        try {
            return Optional.of(DatabaseUrl.parse(variables.expand(env.url(), "url")).identity());
        } catch (FerryException unresolvable) {
            return Optional.empty(); // reported when that environment is used
        }
    }

    /**
     * Jackson binds records through their constructor, after reading the whole object, so it reports
     * an unknown key at the object's end; the key's own line is found in the text instead.
     */
    private static Optional<JsonLocation> keyLocation(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            Pattern asKey = Pattern.compile("(^\\s*(?:-\\s+)?|[{,]\\s*)(" + Pattern.quote(key) + ")\\s*:");
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = asKey.matcher(lines.get(i));
                if (m.find()) {
                    return Optional.of(new JsonLocation(null, -1, i + 1, m.start(2) + 1));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static FerryException error(Path file, JsonLocation at, String what) {
        String where = at == null ? file.toString() : file + " line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new FerryException(ErrorCode.CONFIG, where + ": " + what,
                "see examples/ferry.yaml for the keys ferry.yaml takes");
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                .collect(Collectors.joining("."));
    }

}
