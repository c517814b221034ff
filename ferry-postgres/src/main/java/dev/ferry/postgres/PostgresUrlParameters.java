package dev.ferry.postgres;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import org.postgresql.PGProperty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The query parameters of a PostgreSQL URL as pgjdbc connection properties. pgjdbc ignores a name it
 * does not know, so {@code ?sslmod=require} would silently connect without TLS: every parameter must
 * be a pgjdbc property, a libpq or Prisma spelling of one, or a setting of an application's own pool.
 */
final class PostgresUrlParameters {
    /** libpq and Prisma spellings that users copy from other tools, and the pgjdbc property they mean. */
    private static final Map<String, String> ALIASES = Map.of(
            "application_name", "ApplicationName",
            "connect_timeout", "connectTimeout",
            "schema", "currentSchema");
    /** Settings of an application's connection pool (Prisma, Rails) in a shared DATABASE_URL; one Ferry connection has no pool. */
    private static final Set<String> POOL_ONLY = Set.of("connection_limit", "pool_timeout", "pgbouncer", "statement_cache_size", "pool");
    /** Named first in the hint: what people actually put in a URL. */
    private static final List<String> COMMON = List.of("sslmode", "sslrootcert", "sslcert", "sslkey", "application_name",
            "connectTimeout", "options", "currentSchema", "targetServerType");
    /** Taken from the URL's own parts, never from a parameter. */
    private static final Set<String> FROM_URL = Set.of("user", "password", "PGHOST", "PGPORT", "PGDBNAME");

    private PostgresUrlParameters() {
    }

    /** Adds the URL's parameters to {@code props}; throws a BAD_URL error naming any unknown ones. */
    static void apply(DatabaseUrl url, Properties props) {
        Set<String> known = pgjdbcProperties();
        List<String> unknown = new ArrayList<>();
        url.params().forEach((key, value) -> {
            String property = ALIASES.getOrDefault(key, key);
            if (known.contains(property)) {
                props.setProperty(property, value);
            } else if (!POOL_ONLY.contains(key)) {
                unknown.add(key);
            }
        });
        if (!unknown.isEmpty()) {
            throw new FerryException(ErrorCode.BAD_URL, "the PostgreSQL URL " + url.redacted() + " has "
                    + (unknown.size() == 1 ? "a parameter" : "parameters") + " Ferry does not know: "
                    + unknown.stream().map(k -> "'" + k + "'" + suggestion(k, known)).collect(Collectors.joining(", ")),
                    "remove or correct it; accepted: " + String.join(", ", COMMON) + ", and every other pgjdbc property ("
                            + String.join(", ", rest(known)) + ")");
        }
    }

    private static Set<String> pgjdbcProperties() {
        return Arrays.stream(PGProperty.values()).map(PGProperty::getName)
                .filter(n -> !FROM_URL.contains(n)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> rest(Set<String> known) {
        return known.stream().filter(n -> !COMMON.contains(n))
                .sorted(Comparator.comparing(n -> n.toLowerCase(Locale.ROOT))).toList();
    }

    /** " (did you mean sslmode?)" for a near miss in spelling or case. */
    private static String suggestion(String key, Set<String> known) {
        String lower = key.toLowerCase(Locale.ROOT);
        return known.stream()
                .filter(n -> n.toLowerCase(Locale.ROOT).equals(lower) || distance(n.toLowerCase(Locale.ROOT), lower) <= 2)
                .min(Comparator.comparingInt(n -> distance(n.toLowerCase(Locale.ROOT), lower)))
                .map(n -> " (did you mean " + n + "?)").orElse("");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            prev = cur;
        }
        return prev[b.length()];
    }
}
