package dev.ferry.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * One embedded PostgreSQL per test JVM, started on first use and stopped when the JVM exits;
 * each test class takes a fresh database from it (a Chinook one is a copy of a template, made once).
 * The server trusts every user except {@link #PASSWORD_USER}, which must give its password, so
 * wrong-password paths are tested against the real server.
 */
public final class TestPostgres {
    /** A role that authenticates with SCRAM; create it with {@link #createPasswordUser}. */
    public static final String PASSWORD_USER = "ferry_pw_user";
    private static final String CHINOOK_TEMPLATE = "chinook_template";

    private static EmbeddedPostgres server;
    private static boolean chinookTemplateReady;

    private TestPostgres() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setDataDirectoryCustomizer(TestPostgres::requirePasswordForOneUser).start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
            }
        }
        return server;
    }

    private static void requirePasswordForOneUser(java.io.File dataDir) {
        Path hba = dataDir.toPath().resolve("pg_hba.conf");
        try {
            String rules = "host all " + PASSWORD_USER + " 0.0.0.0/0 scram-sha-256\nhost all " + PASSWORD_USER + " ::/0 scram-sha-256\n";
            Files.writeString(hba, rules + Files.readString(hba, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int port() {
        return server().getPort();
    }

    /** A Ferry URL for a database of the test server, as the superuser (trusted, no password). */
    public static String url(String database) {
        return "postgres://postgres@localhost:" + port() + "/" + database;
    }

    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port() + "/" + database, "postgres", "");
    }

    /** A new empty database named after the test, e.g. {@code inspect_3f2a…}. */
    public static String createDatabase(String prefix) {
        String name = uniqueName(prefix);
        execute("postgres", "CREATE DATABASE " + name);
        return name;
    }

    /** A new database holding Chinook, copied from a template that is loaded once per JVM. */
    public static String createChinookDatabase(String prefix) {
        synchronized (TestPostgres.class) {
            if (!chinookTemplateReady) {
                execute("postgres", "DROP DATABASE IF EXISTS " + CHINOOK_TEMPLATE);
                execute("postgres", "CREATE DATABASE " + CHINOOK_TEMPLATE);
                try (Connection c = connect(CHINOOK_TEMPLATE)) {
                    Chinook.loadIntoPostgres(c);
                    c.createStatement().execute("ANALYZE");
                } catch (SQLException e) {
                    throw new IllegalStateException("loading Chinook into PostgreSQL failed", e);
                }
                chinookTemplateReady = true;
            }
        }
        String name = uniqueName(prefix);
        execute("postgres", "CREATE DATABASE " + name + " TEMPLATE " + CHINOOK_TEMPLATE);
        return name;
    }

    /** Creates (or resets the password of) {@link #PASSWORD_USER}. */
    public static void createPasswordUser(String password) {
        execute("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + PASSWORD_USER + "') THEN CREATE ROLE "
                + PASSWORD_USER + " LOGIN; END IF; END $$");
        execute("postgres", "ALTER ROLE " + PASSWORD_USER + " PASSWORD '" + password.replace("'", "''") + "'");
    }

    public static void execute(String database, String sql) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test setup failed: " + sql, e);
        }
    }

    static String uniqueName(String prefix) {
        return prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_" + UUID.randomUUID().toString().substring(0, 8);
    }
}
