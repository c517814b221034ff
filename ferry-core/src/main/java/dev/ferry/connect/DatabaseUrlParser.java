package dev.ferry.connect;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** The one parser for every URL form in PRODUCT.md, and its inverse for printing. */
final class DatabaseUrlParser {
    static final List<String> ACCEPTED_FORMS = List.of(
            "postgres://USER@HOST:PORT/DB (also postgresql://, jdbc:postgresql://)",
            "mysql://USER@HOST:PORT/DB (also mariadb://, jdbc:mariadb://, jdbc:mysql://)",
            "sqlite:PATH (also jdbc:sqlite:PATH)",
            "embedded:postgres[?dir=PATH]",
            "docker://[USER@]CONTAINER/DB",
            "mongodb://USER@HOST:PORT/DB (also mongodb+srv://)",
            "(a password goes after the user, USER:PASSWORD@HOST, percent-encoded where it holds @ : / or %)");

    private record NetworkScheme(String prefix, Engine engine, String scheme) { }

    private static final List<NetworkScheme> NETWORK_SCHEMES = List.of(
            new NetworkScheme("postgres://", Engine.POSTGRES, "postgres"),
            new NetworkScheme("postgresql://", Engine.POSTGRES, "postgresql"),
            new NetworkScheme("jdbc:postgresql://", Engine.POSTGRES, "jdbc:postgresql"),
            new NetworkScheme("mysql://", Engine.MYSQL, "mysql"),
            new NetworkScheme("mariadb://", Engine.MYSQL, "mariadb"),
            new NetworkScheme("jdbc:mariadb://", Engine.MYSQL, "jdbc:mariadb"),
            new NetworkScheme("jdbc:mysql://", Engine.MYSQL, "jdbc:mysql"),
            new NetworkScheme("mongodb://", Engine.MONGODB, "mongodb"),
            new NetworkScheme("mongodb+srv://", Engine.MONGODB, "mongodb+srv"));

    /** Query parameters whose values are secrets and are printed as {@code ***}. */
    private static final List<String> SECRET_PARAMS = List.of("password", "sslpassword", "pwd", "passwd", "secret", "token");

    private DatabaseUrlParser() {
    }

    static DatabaseUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw badUrl("an empty database URL");
        }
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        for (NetworkScheme s : NETWORK_SCHEMES) {
            if (lower.startsWith(s.prefix())) {
                return parseNetwork(t, t.substring(s.prefix().length()), s);
            }
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return parseNetwork(t, "/" + t.substring("jdbc:postgresql:".length()), NETWORK_SCHEMES.get(2));
        }
        if (lower.startsWith("sqlite:") || lower.startsWith("jdbc:sqlite:")) {
            return parseSqlite(t, lower.startsWith("sqlite:") ? "sqlite" : "jdbc:sqlite");
        }
        if (lower.equals("embedded:postgres") || lower.startsWith("embedded:postgres?")) {
            return parseEmbedded(t);
        }
        if (lower.startsWith("docker://")) {
            return parseDocker(t);
        }
        throw badUrl("'" + Redaction.redactUrls(t) + "'");
    }

    private static DatabaseUrl parseNetwork(String original, String rest, NetworkScheme s) {
        int q = rest.indexOf('?');
        String query = q < 0 ? "" : rest.substring(q + 1);
        String beforeQuery = q < 0 ? rest : rest.substring(0, q);
        int slash = beforeQuery.indexOf('/');
        String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        String db = slash < 0 ? "" : decode(beforeQuery.substring(slash + 1));
        DatabaseUrl.Builder b = new DatabaseUrl.Builder(s.engine(), UrlForm.NETWORK, s.scheme());
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            b.user(emptyToNull(decode(colon < 0 ? userInfo : userInfo.substring(0, colon))));
            if (colon >= 0) {
                b.password(decode(userInfo.substring(colon + 1)));
            }
            authority = authority.substring(at + 1);
        }
        parseHostPort(original, authority, b);
        b.database(emptyToNull(db));
        parseQuery(query, b);
        return b.build();
    }

    private static void parseHostPort(String original, String hostPort, DatabaseUrl.Builder b) {
        if (hostPort.isEmpty()) {
            return;
        }
        if (hostPort.contains(",")) {
            b.host(hostPort); // several hosts (MongoDB replica sets, pgjdbc failover) pass through as written
            return;
        }
        String host = hostPort;
        String port = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new FerryException(ErrorCode.BAD_URL, "the IPv6 address in '" + Redaction.redactUrls(original) + "' has no closing ']'",
                        "write an IPv6 host as [::1]:5432");
            }
            host = hostPort.substring(0, close + 1);
            port = hostPort.length() > close + 1 && hostPort.charAt(close + 1) == ':' ? hostPort.substring(close + 2) : null;
        } else if (hostPort.indexOf(':') >= 0) {
            host = hostPort.substring(0, hostPort.indexOf(':'));
            port = hostPort.substring(hostPort.indexOf(':') + 1);
        }
        b.host(emptyToNull(host));
        if (port != null && !port.isEmpty()) {
            b.port(parsePort(original, port));
        }
    }

    private static int parsePort(String original, String port) {
        try {
            int p = Integer.parseInt(port);
            if (p > 0 && p < 65536) {
                return p;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new FerryException(ErrorCode.BAD_URL, "the port '" + port + "' in '" + Redaction.redactUrls(original) + "' is not a number from 1 to 65535",
                "write the URL as SCHEME://USER:PASSWORD@HOST:PORT/DB");
    }

    private static void parseQuery(String query, DatabaseUrl.Builder b) {
        if (query.isEmpty()) {
            return;
        }
        forEachPair(query, (key, value) -> {
            switch (key) {
                case "user" -> b.user(value);
                case "password" -> b.password(value);
                default -> b.param(key, value);
            }
        });
    }

    /** Each {@code key=value} of a query string, decoded; a key without {@code =} has the value "". */
    private static void forEachPair(String query, java.util.function.BiConsumer<String, String> action) {
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            action.accept(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
    }

    private static DatabaseUrl parseSqlite(String original, String scheme) {
        String rest = original.substring(scheme.length() + 1);
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
        }
        int q = rest.indexOf('?');
        DatabaseUrl.Builder b = new DatabaseUrl.Builder(Engine.SQLITE, UrlForm.FILE, scheme);
        if (q >= 0) {
            parseQuery(rest.substring(q + 1), b);
            rest = rest.substring(0, q);
        }
        if (rest.isEmpty()) {
            throw new FerryException(ErrorCode.BAD_URL, "the SQLite URL '" + original + "' names no file",
                    "write it as sqlite:PATH, for example sqlite:data/app.db");
        }
        return b.path(rest).build();
    }

    private static DatabaseUrl parseEmbedded(String original) {
        DatabaseUrl.Builder b = new DatabaseUrl.Builder(Engine.POSTGRES, UrlForm.EMBEDDED, "embedded:postgres");
        int q = original.indexOf('?');
        if (q < 0) {
            return b.build();
        }
        // Read the pairs raw: user and password would otherwise be taken as credentials and silently ignored.
        forEachPair(original.substring(q + 1), (key, value) -> {
            switch (key) {
                case "dir" -> b.path(value);
                case "database", "db" -> b.database(value);
                default -> throw new FerryException(ErrorCode.BAD_URL,
                        "embedded:postgres takes the parameters dir and database, not '" + key + "'",
                        "write it as embedded:postgres?dir=PATH&database=NAME; Ferry starts this server itself and needs no password");
            }
        });
        return b.build();
    }

    private static DatabaseUrl parseDocker(String original) {
        DatabaseUrl.Builder b = new DatabaseUrl.Builder(Engine.POSTGRES, UrlForm.DOCKER, "docker");
        String rest = original.substring("docker://".length());
        int q = rest.indexOf('?');
        if (q >= 0) {
            parseQuery(rest.substring(q + 1), b);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String container = slash < 0 ? rest : rest.substring(0, slash);
        String db = slash < 0 ? "" : rest.substring(slash + 1);
        int at = container.lastIndexOf('@');
        if (at >= 0) {
            // USER[:PASSWORD]@CONTAINER: who pg_dump connects as inside the container
            String userInfo = container.substring(0, at);
            int colon = userInfo.indexOf(':');
            b.user(emptyToNull(decode(colon < 0 ? userInfo : userInfo.substring(0, colon))));
            if (colon >= 0) {
                b.password(decode(userInfo.substring(colon + 1)));
            }
            container = container.substring(at + 1);
        }
        if (container.isEmpty() || db.isEmpty()) {
            throw new FerryException(ErrorCode.BAD_URL, "the Docker URL '" + Redaction.redactUrls(original) + "' needs a container and a database",
                    "write it as docker://CONTAINER/DB, for example docker://shop-db/shop");
        }
        return b.host(container).database(decode(db)).build();
    }

    static String format(DatabaseUrl url, boolean redact) {
        StringBuilder sb = new StringBuilder();
        switch (url.form()) {
            case FILE -> sb.append(url.scheme()).append(':').append(url.path().orElseThrow());
            case EMBEDDED -> {
                sb.append("embedded:postgres");
                StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
                url.path().ifPresent(p -> q.add("dir=" + p));
                url.database().ifPresent(d -> q.add("database=" + d));
                sb.append(q);
            }
            case DOCKER -> {
                sb.append("docker://");
                url.user().ifPresent(u -> sb.append(u).append(url.password().map(p -> ":" + (redact ? Redaction.MASK : p)).orElse("")).append('@'));
                sb.append(url.host().orElseThrow()).append('/').append(url.database().orElse(""));
            }
            case NETWORK -> formatNetwork(url, redact, sb);
        }
        if (url.form() != UrlForm.EMBEDDED) {
            appendParams(url, redact, sb);
        }
        return sb.toString();
    }

    private static void formatNetwork(DatabaseUrl url, boolean redact, StringBuilder sb) {
        sb.append(url.scheme()).append("://");
        url.user().ifPresent(u -> {
            sb.append(u);
            url.password().ifPresent(p -> sb.append(':').append(redact ? Redaction.MASK : p));
            sb.append('@');
        });
        url.host().ifPresent(sb::append);
        url.port().ifPresent(p -> sb.append(':').append(p));
        sb.append('/');
        url.database().ifPresent(sb::append);
    }

    private static void appendParams(DatabaseUrl url, boolean redact, StringBuilder sb) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        url.params().forEach((k, v) -> q.add(k + "=" + (redact && isSecretParam(k) ? Redaction.MASK : v)));
        sb.append(q);
    }

    static boolean isSecretParam(String key) {
        return SECRET_PARAMS.contains(key.toLowerCase(Locale.ROOT));
    }

    private static FerryException badUrl(String what) {
        return new FerryException(ErrorCode.BAD_URL, "Ferry does not recognise " + what + " as a database URL. Accepted forms:\n  "
                + String.join("\n  ", ACCEPTED_FORMS),
                "try --url embedded:postgres for a local PostgreSQL that Ferry starts itself");
    }

    /** Percent-decoding only: unlike URLDecoder, a '+' in a password stays a '+'. */
    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
