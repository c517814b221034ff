package dev.ferry.data;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.connect.Engine;
import dev.ferry.connect.UrlForm;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The variables a {@code .cmd} migration's process finds in its environment: the database Ferry runs
 * against (as a URL for Node or Python drivers and as a JDBC URL, the password inside both: the
 * environment of the child is the one place it goes, never its command line), which migration this
 * is, whether it is a dry run, and where to begin.
 *
 * <p>Host, port and database come from Ferry's own session, so that {@code embedded:postgres} gives the
 * port of the server Ferry started; user, password and parameters from the URL the user gave.
 * {@code DATABASE_URL} is set to the same URL, so that a script (or Prisma) that reads it by habit
 * works on the database Ferry runs against, never on another one the shell happened to name.
 */
final class CommandEnvironment {
    private CommandEnvironment() {
    }

    static Map<String, String> of(DatabaseUrl given, Connection session, String id, DataContext context, int batchSize) throws SQLException {
        DatabaseMetaData meta = session.getMetaData();
        DatabaseUrl actual = DatabaseUrl.parse(meta.getURL());
        String user = given.user().orElseGet(() -> userOf(meta));
        String password = given.password().orElse(null);
        Map<String, String> params = given.form() == UrlForm.NETWORK ? given.params() : Map.of();
        Map<String, String> env = new LinkedHashMap<>();
        String url = databaseUrl(actual, user, password, params);
        env.put("FERRY_DATABASE_URL", url);
        env.put("DATABASE_URL", url);
        env.put("FERRY_JDBC_URL", jdbcUrl(actual, user, password, params));
        env.put("FERRY_DATABASE_USER", user == null ? "" : user);
        env.put("FERRY_DATABASE_PASSWORD", password == null ? "" : password);
        env.put("FERRY_MIGRATION_ID", id);
        env.put("FERRY_DRY_RUN", context.dryRun() ? "1" : "0");
        env.put("FERRY_RESUME_AFTER", context.resumeAfter() == null ? "" : context.resumeAfter());
        env.put("FERRY_BATCH_SIZE", Integer.toString(batchSize));
        return env;
    }

    private static String userOf(DatabaseMetaData meta) {
        try {
            return meta.getUserName();
        } catch (SQLException e) {
            return null;
        }
    }

    /** {@code postgresql://user:password@host:port/db?sslmode=…}, {@code mysql://…}, or {@code sqlite:PATH}. */
    private static String databaseUrl(DatabaseUrl actual, String user, String password, Map<String, String> params) {
        if (actual.engine() == Engine.SQLITE) {
            return "sqlite:" + actual.path().orElse("");
        }
        StringBuilder sb = new StringBuilder(actual.engine() == Engine.POSTGRES ? "postgresql://" : "mysql://");
        if (user != null) {
            sb.append(encode(user)).append(password == null ? "" : ":" + encode(password)).append('@');
        }
        return sb.append(server(actual)).append('/').append(encode(actual.database().orElse(""))).append(query(params, Map.of(), true)).toString();
    }

    /**
     * {@code jdbc:postgresql://host:port/db?user=…&password=…}: pgjdbc decodes its parameters, so they are
     * percent-encoded; MariaDB Connector/J reads them as written, so they are not (a MariaDB password
     * that holds {@code &} is read from FERRY_DATABASE_PASSWORD instead).
     */
    private static String jdbcUrl(DatabaseUrl actual, String user, String password, Map<String, String> params) {
        if (actual.engine() == Engine.SQLITE) {
            return "jdbc:sqlite:" + actual.path().orElse("");
        }
        boolean postgres = actual.engine() == Engine.POSTGRES;
        Map<String, String> credentials = new LinkedHashMap<>();
        if (user != null) {
            credentials.put("user", user);
        }
        if (password != null) {
            credentials.put("password", password);
        }
        return (postgres ? "jdbc:postgresql://" : "jdbc:mariadb://") + server(actual) + "/" + actual.database().orElse("")
                + query(credentials, params, postgres);
    }

    private static String server(DatabaseUrl actual) {
        return actual.host().orElse("localhost") + (actual.port().isPresent() ? ":" + actual.port().getAsInt() : "");
    }

    private static String query(Map<String, String> first, Map<String, String> then, boolean encoded) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        for (Map<String, String> pairs : java.util.List.of(first, then)) {
            pairs.forEach((k, v) -> q.add(encoded ? encode(k) + "=" + encode(v) : k + "=" + v));
        }
        return q.toString();
    }

    /** Percent-encoding for a URL's parts (a space as %20, not the form encoding's +). */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
