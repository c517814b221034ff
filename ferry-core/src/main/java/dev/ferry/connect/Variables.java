package dev.ferry.connect;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where {@code ${VAR}} values come from: the process environment first, then the env file
 * (as dotenv and Docker Compose do). {@code ${VAR:-default}} gives a fallback.
 */
public final class Variables {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    /** Keys whose values are secrets; not PWD, which is the shell's working directory. */
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|CREDENTIAL|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|AUTH_?KEY).*|.*_PWD|.*_PASS");

    private final Map<String, String> environment;
    private final Map<String, String> envFile;

    public Variables(Map<String, String> environment, Map<String, String> envFile) {
        this.environment = Map.copyOf(environment);
        this.envFile = Map.copyOf(envFile);
    }

    public Optional<String> get(String name) {
        String v = environment.get(name);
        return Optional.ofNullable(v != null ? v : envFile.get(name));
    }

    /**
     * Replaces every {@code ${VAR}} in {@code template}; {@code where} names the setting for the
     * error when a variable is not set.
     */
    public String expand(String template, String where) {
        Matcher m = REFERENCE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = get(name).orElse(m.group(2));
            if (value == null) {
                throw new FerryException(ErrorCode.CONFIG, where + " uses ${" + name + "}, which is set neither in the environment nor in the env file",
                        "export " + name + "=... or add it to .env");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Registers every secret-looking value (by key name, or a password inside a URL) with the mask. */
    public void registerSecrets(SecretMask mask) {
        environment.forEach((k, v) -> registerIfSecret(mask, k, v));
        envFile.forEach((k, v) -> registerIfSecret(mask, k, v));
    }

    private static void registerIfSecret(SecretMask mask, String key, String value) {
        if (value.contains("://")) {
            try {
                mask.add(DatabaseUrl.parse(value));
            } catch (FerryException notADatabaseUrl) {
                // Not a database URL: its password, if any, is still masked by Redaction.redactUrls.
            }
        } else if (SECRET_KEY.matcher(key).matches()) {
            mask.add(value);
        }
    }
}
