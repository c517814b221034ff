package dev.ferry.connect;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What one Ferry run reads before it connects: ferry.yaml, the env file and the environment.
 * Every secret found on the way is registered with the run's {@link SecretMask}.
 */
public final class Workspace {
    public static final String DEFAULT_CONFIG = "ferry.yaml";
    public static final String DEFAULT_ENV_FILE = ".env";

    private final Path directory;
    private final FerryConfig config;
    private final Variables variables;
    private final SecretMask mask;
    /** "ferry.yaml line 4: environments.prod.url" for a key, for messages about its value. */
    private final UnaryOperator<String> where;

    private Workspace(Path directory, FerryConfig config, Variables variables, SecretMask mask, UnaryOperator<String> where) {
        this.where = where;
        this.directory = directory;
        this.config = config;
        this.variables = variables;
        this.mask = mask;
    }

    /**
     * Loads the workspace. An explicit {@code configFile} or {@code envFile} must exist; the defaults
     * ({@code ferry.yaml} in {@code workDir}, {@code .env} beside it) are read only when present.
     */
    public static Workspace load(Path workDir, Path configFile, Path envFile, Map<String, String> environment, SecretMask mask) {
        return load(workDir, configFile, envFile, environment, mask, true);
    }

    /**
     * As {@link #load}, but two environments on one database do not stop the load: {@code ferry
     * doctor} reports every such pair among its other checks instead of failing at the first.
     * Every other command loads with {@link #load}, which refuses them.
     */
    public static Workspace loadForDoctor(Path workDir, Path configFile, Path envFile, Map<String, String> environment, SecretMask mask) {
        return load(workDir, configFile, envFile, environment, mask, false);
    }

    private static Workspace load(Path workDir, Path configFile, Path envFile, Map<String, String> environment, SecretMask mask,
                                  boolean refuseSharedDatabases) {
        Path config = configFile != null ? workDir.resolve(configFile) : workDir.resolve(DEFAULT_CONFIG);
        Path dir = config.toAbsolutePath().getParent();
        Path env = envFile != null ? workDir.resolve(envFile) : dir.resolve(DEFAULT_ENV_FILE);
        Map<String, String> envValues = envFile != null || Files.isRegularFile(env) ? EnvFile.load(env) : Map.of();
        Variables variables = new Variables(environment, envValues);
        variables.registerSecrets(mask);
        if (configFile == null && !Files.isRegularFile(config)) {
            return new Workspace(dir, FerryConfig.EMPTY, variables, mask, key -> key);
        }
        ConfigLoader.Loaded loaded = ConfigLoader.read(config, variables, refuseSharedDatabases);
        return new Workspace(dir, loaded.config(), variables, mask, loaded.keys()::where);
    }

    public FerryConfig config() {
        return config;
    }

    public Variables variables() {
        return variables;
    }

    /** The directory of ferry.yaml (or the working directory): relative paths in it start here. */
    public Path directory() {
        return directory;
    }

    /** Resolves the database: {@code --url} > {@code --env NAME} > FERRY_URL > DATABASE_URL. */
    public Target resolveTarget(String urlOption, String envOption) {
        if (urlOption != null) {
            return target(variables.expand(urlOption, "--url"), "--url", Optional.empty(), false);
        }
        if (envOption != null) {
            return environmentTarget(envOption);
        }
        for (String name : new String[] {"FERRY_URL", "DATABASE_URL"}) {
            Optional<String> value = variables.get(name);
            if (value.isPresent() && !value.get().isBlank()) {
                return target(value.get(), name, Optional.empty(), false);
            }
        }
        throw new FerryException(ErrorCode.USAGE, "no database given",
                "pass --url URL or --env NAME (from ferry.yaml), or set FERRY_URL or DATABASE_URL; "
                        + "--url embedded:postgres starts a local PostgreSQL");
    }

    /** A database named by an option that takes either: an environment of ferry.yaml by its name, else a URL. */
    public Target resolveUrlOrEnvironment(String value, String option) {
        if (config.environments().containsKey(value)) {
            return environmentTarget(value);
        }
        return target(variables.expand(value, option), option, Optional.empty(), false);
    }

    private Target environmentTarget(String name) {
        EnvironmentConfig env = config.environments().get(name);
        if (env == null) {
            String known = config.environments().isEmpty() ? "ferry.yaml defines no environments"
                    : "known: " + String.join(", ", config.environments().keySet());
            throw new FerryException(ErrorCode.CONFIG, "no environment '" + name + "' (" + known + ")",
                    "add it under environments: in ferry.yaml, or pass --url");
        }
        String url = variables.expand(env.url(), where.apply("environments." + name + ".url"));
        return target(url, Target.environmentSource(name), Optional.of(name), env.isProtected(), env.shared());
    }

    private Target target(String text, String source, Optional<String> environment, boolean isProtected) {
        return target(text, source, environment, isProtected, false);
    }

    private Target target(String text, String source, Optional<String> environment, boolean isProtected, boolean isShared) {
        DatabaseUrl url = DatabaseUrl.parse(text);
        mask.add(url);
        if (environment.isEmpty()) {
            Optional<String> reached = protectedEnvironmentAt(url);
            if (reached.isPresent()) {
                return new Target(url, source, reached, true);
            }
        }
        return new Target(url, source, environment, isProtected, isShared);
    }

    /** --url or DATABASE_URL naming the database of a protected environment must not bypass its protection. */
    private Optional<String> protectedEnvironmentAt(DatabaseUrl url) {
        String identity = url.identity();
        return config.environments().entrySet().stream()
                .filter(e -> e.getValue().isProtected())
                .filter(e -> ConfigLoader.identity(e.getValue(), variables).map(identity::equals).orElse(false))
                .map(Map.Entry::getKey)
                .findFirst();
    }
}
