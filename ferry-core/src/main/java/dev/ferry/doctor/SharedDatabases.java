package dev.ferry.doctor;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.connect.Engine;
import dev.ferry.connect.EnvironmentConfig;
import dev.ferry.connect.UrlForm;
import dev.ferry.connect.Variables;
import dev.ferry.error.FerryException;
import dev.ferry.report.Formats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Environments of ferry.yaml that point at one database: a "staging" command would then change
 * production. Every such pair fails unless both say {@code shared: true}. URLs are compared after
 * {@code ${VAR}} expansion on engine, host, port (the engine's default filled in) and database;
 * host names are compared without case, and {@code localhost}, {@code 127.0.0.1} and {@code ::1}
 * count as one host, since from this machine they reach the same server. Messages show URLs
 * redacted: a password in ferry.yaml or .env never reaches the output.
 *
 * <pre>{@code
 * List<DoctorCheck> checks = SharedDatabases.check(workspace.config().environments(), workspace.variables());
 * }</pre>
 */
public final class SharedDatabases {
    static final String NAME = "sharing";
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    private SharedDatabases() {
    }

    /** One line per pair on one database and per environment whose URL cannot be resolved; one OK line when all is well. */
    public static List<DoctorCheck> check(Map<String, EnvironmentConfig> environments, Variables variables) {
        List<DoctorCheck> checks = new ArrayList<>();
        Map<String, DatabaseUrl> resolved = new LinkedHashMap<>();
        environments.forEach((name, env) -> {
            try {
                resolved.put(name, DatabaseUrl.parse(variables.expand(env.url(), "ferry.yaml: environments." + name + ".url")));
            } catch (FerryException unresolved) {
                checks.add(new DoctorCheck(NAME, CheckStatus.WARN, "cannot tell which database environment '" + name + "' points at: "
                        + Formats.firstLine(unresolved.getMessage()), unresolved.hint().orElse(null)));
            }
        });
        List<String> names = new ArrayList<>(resolved.keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                String a = names.get(i);
                String b = names.get(j);
                if (key(resolved.get(a)).equals(key(resolved.get(b)))) {
                    checks.add(pair(a, resolved.get(a), environments.get(a), b, resolved.get(b), environments.get(b)));
                }
            }
        }
        if (checks.isEmpty() && environments.size() > 1) {
            checks.add(new DoctorCheck(NAME, CheckStatus.OK, environments.size() + " environments, each on a database of its own", null));
        }
        return checks;
    }

    /**
     * Which database a URL reaches, whatever its spelling: "PostgreSQL localhost:5432/shop". Files,
     * containers and embedded servers by their path or name.
     */
    static String key(DatabaseUrl url) {
        if (url.form() != UrlForm.NETWORK) {
            return url.identity();
        }
        String host = url.host().map(h -> h.toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).orElse("localhost");
        int port = url.port().orElse(defaultPort(url.engine()));
        // PostgreSQL connects to the database named like the user when the URL names none
        String database = url.database().or(() -> url.engine() == Engine.POSTGRES ? url.user() : Optional.empty()).orElse("");
        return url.engine().displayName() + " " + (LOOPBACK.contains(host) ? "localhost" : host) + ":" + port + "/" + database;
    }

    private static int defaultPort(Engine engine) {
        return switch (engine) {
            case POSTGRES -> 5432;
            case MYSQL -> 3306;
            case MONGODB -> 27017;
            case SQLITE -> -1;
        };
    }

    private static DoctorCheck pair(String a, DatabaseUrl urlA, EnvironmentConfig envA, String b, DatabaseUrl urlB, EnvironmentConfig envB) {
        String both = "'" + a + "' (" + urlA.redacted() + ") and '" + b + "' (" + urlB.redacted() + ")";
        if (envA.shared() && envB.shared()) {
            return new DoctorCheck(NAME, CheckStatus.OK, both + " share " + key(urlA) + " on purpose (both say shared: true)", null);
        }
        String unmarked = !envA.shared() && !envB.shared() ? "neither says shared: true"
                : "'" + (envA.shared() ? b : a) + "' does not say shared: true";
        return new DoctorCheck(NAME, CheckStatus.FAIL, "environments " + both + " point at the same database, " + key(urlA) + "; " + unmarked,
                "give each environment its own database, or mark both with shared: true if they are meant to share it");
    }
}
