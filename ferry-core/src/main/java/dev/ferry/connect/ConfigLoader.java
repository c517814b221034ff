package dev.ferry.connect;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Formats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.ferry.connect.YamlValues.found;

/**
 * Reads and validates ferry.yaml: UTF-8 text, no key twice, {@code ${VAR}} expanded in every value,
 * then bound to {@link FerryConfig}. Errors name the file, line and key in words, never a Java type.
 * Environment URLs are expanded only when that environment is used, so that an unset
 * {@code ${PROD_DATABASE_URL}} does not stop work on dev.
 */
public final class ConfigLoader {
    private static final YAMLFactory YAML_FACTORY = new YAMLFactory();
    private static final ObjectMapper YAML = new ObjectMapper(YAML_FACTORY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern ENVIRONMENT_URL = Pattern.compile("environments\\.[^.]+\\.url");

    private ConfigLoader() {
    }

    /** ferry.yaml bound, with where each of its keys stands for later messages. */
    record Loaded(FerryConfig config, KeyLines keys) {
    }

    public static FerryConfig load(Path file, Variables variables) {
        return read(file, variables).config();
    }

    static Loaded read(Path file, Variables variables) {
        return read(file, variables, true);
    }

    /**
     * @param refuseSharedDatabases false leaves two environments on one database to the caller:
     *                              {@code ferry doctor} lists every such pair among its checks
     */
    static Loaded read(Path file, Variables variables, boolean refuseSharedDatabases) {
        String text = TextFiles.readUtf8(file, "the configuration file", "create it (see examples/ferry.yaml) or leave out --config");
        KeyLines keys;
        JsonNode tree;
        try {
            keys = KeyLines.scan(YAML_FACTORY, file, text);
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw error(file, e.getLocation(), "not valid YAML: " + Formats.firstLine(e.getOriginalMessage()));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new FerryException(ErrorCode.CONFIG, file + " is empty",
                    "write the settings it should hold (see examples/ferry.yaml), or delete it: without ferry.yaml Ferry uses its defaults");
        }
        if (!tree.isObject()) {
            throw error(file, null, "the file should be a mapping of settings (migrations:, history:, environments:), not " + found(tree));
        }
        expand((ObjectNode) tree, "", variables, keys);
        FerryConfig config = bind(file, tree, keys);
        config.dataProblem().ifPresent(problem -> {
            throw error(file, keys.location("data").orElse(null), problem);
        });
        if (refuseSharedDatabases) {
            checkDistinctDatabases(file, config, variables);
        }
        return new Loaded(config, keys);
    }

    /** Replaces ${VAR} in every text value but the environments' URLs (see the class comment). */
    private static void expand(ObjectNode node, String path, Variables variables, KeyLines keys) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            String key = path.isEmpty() ? name : path + "." + name;
            JsonNode value = node.get(name);
            if (value instanceof ObjectNode child) {
                expand(child, key, variables, keys);
            } else if (value.isTextual() && value.asText().contains("${") && !ENVIRONMENT_URL.matcher(key).matches()) {
                node.put(name, variables.expand(value.asText(), keys.where(key)));
            }
        }
    }

    private static FerryConfig bind(Path file, JsonNode tree, KeyLines keys) {
        try {
            FerryConfig config = YAML.treeToValue(tree, FerryConfig.class);
            return config == null ? FerryConfig.EMPTY : config;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw error(file, keys.location(path(e)).orElse(null),
                    "unknown key '" + e.getPropertyName() + "'" + (known.isEmpty() ? "" : " (expected one of: " + known + ")"));
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof FerryException refused) {
                throw error(file, keys.location(path(e)).orElse(null), "'" + path(e) + "': " + refused.getMessage());
            }
            throw error(file, keys.location(path(e)).orElse(null), "cannot read it: " + Formats.firstLine(e.getOriginalMessage()));
        } catch (MismatchedInputException e) {
            String key = path(e);
            if (e.getOriginalMessage().startsWith("Missing required creator property")) {
                String environment = key.replaceFirst("\\.url$", "");
                throw error(file, keys.location(environment).orElse(null), "'" + environment + "' has no url: (every environment needs one)");
            }
            JsonNode value = tree.at("/" + key.replace(".", "/"));
            throw error(file, keys.location(key).orElse(null), "'" + key + "' should be " + expected(e.getTargetType()) + ", not " + found(value));
        } catch (JsonProcessingException e) {
            throw error(file, keys.location(path(e)).orElse(null), "cannot read it: " + Formats.firstLine(e.getOriginalMessage()));
        }
    }

    private static String expected(Class<?> type) {
        if (type == HistoryConfig.class) {
            return "a mapping such as { table: ferry_history, schema: public } or { tool: rails }";
        }
        if (type == EnvironmentConfig.class) {
            return "a mapping such as { url: \"postgres://…\", protected: true }";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a single text value";
        }
        if (type != null && Map.class.isAssignableFrom(type)) {
            return "a mapping of names to settings, such as { dev: { url: \"embedded:postgres\" } }";
        }
        return "a mapping of settings";
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

    private static FerryException error(Path file, JsonLocation at, String what) {
        String where = at == null ? file.toString() : file + " line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new FerryException(ErrorCode.CONFIG, where + ": " + what,
                "see examples/ferry.yaml for the keys ferry.yaml takes");
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                .collect(Collectors.joining("."));
    }

    private static String path(JsonProcessingException e) {
        return e instanceof JsonMappingException m ? path(m) : "";
    }
}
