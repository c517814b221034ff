package dev.ferry.connect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A parsed database URL. It holds the password but never shows it: {@link #toString()} and
 * {@link #redacted()} print {@code ***} in its place, so a URL can go into any message safely.
 *
 * <pre>{@code
 * DatabaseUrl url = DatabaseUrl.parse("postgres://app:s3cret@db:5432/shop?sslmode=require");
 * url.redacted();   // postgres://app:***@db:5432/shop?sslmode=require
 * url.password();   // Optional[s3cret], for the driver only
 * }</pre>
 */
public final class DatabaseUrl {
    private final Engine engine;
    private final UrlForm form;
    private final String scheme;
    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final String database;
    private final String path;
    private final Map<String, String> params;

    DatabaseUrl(Builder b) {
        this.engine = Objects.requireNonNull(b.engine);
        this.form = Objects.requireNonNull(b.form);
        this.scheme = Objects.requireNonNull(b.scheme);
        this.user = b.user;
        this.password = b.password;
        this.host = b.host;
        this.port = b.port;
        this.database = b.database;
        this.path = b.path;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(b.params));
    }

    /** Parses any URL form Ferry accepts; throws a {@code BAD_URL} FerryException listing them otherwise. */
    public static DatabaseUrl parse(String text) {
        return DatabaseUrlParser.parse(text);
    }

    public Engine engine() {
        return engine;
    }

    public UrlForm form() {
        return form;
    }

    /** The scheme as written, e.g. {@code postgresql} or {@code jdbc:mariadb}. */
    public String scheme() {
        return scheme;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The password, for handing to a driver or a child process's environment; never print it. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** Host name; for a Docker URL, the container. */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    public OptionalInt port() {
        return port < 0 ? OptionalInt.empty() : OptionalInt.of(port);
    }

    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    /** The file of a SQLite URL, or the data directory of an embedded PostgreSQL. */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    /** Query parameters other than user and password, in their original order (sslmode and the like). */
    public Map<String, String> params() {
        return params;
    }

    /** {@code host:port}, or the file or container, for "cannot connect to ..." messages. */
    public String endpoint() {
        return switch (form) {
            case FILE -> path;
            case EMBEDDED -> "embedded PostgreSQL" + (path == null ? "" : " in " + path);
            case DOCKER -> "container " + host;
            case NETWORK -> (host == null ? "localhost" : host) + (port < 0 ? "" : ":" + port);
        };
    }

    /**
     * Which database this is, whatever the URL's spelling: engine, server (with the engine's default
     * port filled in) or file, and database. Two environments with one identity hit the same data.
     */
    public String identity() {
        String server = form == UrlForm.NETWORK && port < 0 && host != null && !host.contains(",")
                ? endpoint() + ":" + switch (engine) {
                    case POSTGRES -> 5432;
                    case MYSQL -> 3306;
                    case MONGODB -> 27017;
                    case SQLITE -> -1;
                }
                : endpoint();
        return engine.displayName() + " " + server + "/" + (database == null ? "" : database);
    }

    /** The URL in a normal form with the password replaced by {@code ***}. */
    public String redacted() {
        return DatabaseUrlParser.format(this, true);
    }

    /** A copy of this URL pointing at another database on the same server. */
    public DatabaseUrl withDatabase(String otherDatabase) {
        return toBuilder().database(otherDatabase).build();
    }

    @Override
    public String toString() {
        return redacted();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatabaseUrl other && DatabaseUrlParser.format(this, false).equals(DatabaseUrlParser.format(other, false));
    }

    @Override
    public int hashCode() {
        return DatabaseUrlParser.format(this, false).hashCode();
    }

    Builder toBuilder() {
        Builder b = new Builder(engine, form, scheme);
        b.user = user;
        b.password = password;
        b.host = host;
        b.port = port;
        b.database = database;
        b.path = path;
        b.params.putAll(params);
        return b;
    }

    static final class Builder {
        private final Engine engine;
        private final UrlForm form;
        private final String scheme;
        private String user;
        private String password;
        private String host;
        private int port = -1;
        private String database;
        private String path;
        private final Map<String, String> params = new LinkedHashMap<>();

        Builder(Engine engine, UrlForm form, String scheme) {
            this.engine = engine;
            this.form = form;
            this.scheme = scheme;
        }

        Builder user(String v) { user = v; return this; }
        Builder password(String v) { password = v; return this; }
        Builder host(String v) { host = v; return this; }
        Builder port(int v) { port = v; return this; }
        Builder database(String v) { database = v; return this; }
        Builder path(String v) { path = v; return this; }
        Builder param(String k, String v) { params.put(k, v); return this; }

        DatabaseUrl build() {
            return new DatabaseUrl(this);
        }
    }
}
