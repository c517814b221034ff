package dev.ferry.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One embedded PostgreSQL of another major version per JVM (see {@link OtherPostgres}), with
 * template databases loaded once, for tests that need e.g. PostgreSQL 18 for Pagila or 15 for
 * Debian's pg_dump.
 */
public final class SharedPostgres {
    private static final Map<String, SharedPostgres> SERVERS = new HashMap<>();

    private final EmbeddedPostgres server;
    private final Set<String> templates = new HashSet<>();

    private SharedPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** The server started from the binaries jar the system property names, e.g. {@code ferry.test.pg18.binaries}. */
    public static synchronized SharedPostgres of(String binariesProperty) {
        return SERVERS.computeIfAbsent(binariesProperty, p -> new SharedPostgres(OtherPostgres.start(p)));
    }

    public static SharedPostgres pg18() {
        return of("ferry.test.pg18.binaries");
    }

    public static SharedPostgres pg15() {
        return of("ferry.test.pg15.binaries");
    }

    public int port() {
        return server.getPort();
    }

    public String url(String database) {
        return "postgres://postgres@localhost:" + port() + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port() + "/" + database, "postgres", "");
    }

    /** A new database copied from {@code template}, which {@code loader} fills the first time it is asked for. */
    public String createFrom(String template, Consumer<Connection> loader, String prefix) {
        synchronized (this) {
            if (templates.add(template)) {
                execute("postgres", "DROP DATABASE IF EXISTS " + template);
                execute("postgres", "CREATE DATABASE " + template);
                try (Connection c = connect(template)) {
                    loader.accept(c);
                } catch (SQLException e) {
                    throw new IllegalStateException("loading template " + template + " failed", e);
                }
            }
        }
        String name = TestPostgres.uniqueName(prefix);
        execute("postgres", "CREATE DATABASE " + name + " TEMPLATE " + template);
        return name;
    }

    public String createPagila(String prefix) {
        return createFrom("pagila_template", Pagila::load, prefix);
    }

    public void execute(String database, String sql) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test setup failed: " + sql, e);
        }
    }
}
