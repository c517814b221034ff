package dev.ferry.testkit;

import dev.ferry.connect.DatabaseUrl;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The MariaDB the tests use: FERRY_TEST_MYSQL_URL, or root on 127.0.0.1:3306 (bin/test starts or
 * installs it). Each test class gets its own database, dropped when the JVM exits.
 */
public final class TestMariaDb {
    private static final List<String> CREATED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestMariaDb::dropCreated, "drop-test-databases"));
    }

    private TestMariaDb() {
    }

    public static DatabaseUrl server() {
        String url = System.getenv("FERRY_TEST_MYSQL_URL");
        return DatabaseUrl.parse(url == null || url.isBlank() ? "mysql://root@127.0.0.1:3306/" : url);
    }

    /** A Ferry URL for one database of the test server. */
    public static String url(String database) {
        DatabaseUrl s = server();
        String auth = s.user().map(u -> u + s.password().map(p -> ":" + p).orElse("") + "@").orElse("");
        return "mysql://" + auth + s.host().orElse("127.0.0.1") + ":" + s.port().orElse(3306) + "/" + database;
    }

    public static Connection connect(String database) throws SQLException {
        DatabaseUrl s = server();
        Properties props = new Properties();
        s.user().ifPresent(u -> props.setProperty("user", u));
        s.password().ifPresent(p -> props.setProperty("password", p));
        return DriverManager.getConnection("jdbc:mariadb://" + s.host().orElse("127.0.0.1") + ":" + s.port().orElse(3306) + "/" + database, props);
    }

    public static String createDatabase(String prefix) {
        String name = TestPostgres.uniqueName("ferry_" + prefix);
        execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
        synchronized (CREATED) {
            CREATED.add(name);
        }
        return name;
    }

    public static String createChinookDatabase(String prefix) {
        String name = createDatabase(prefix);
        try (Connection c = connect(name)) {
            Chinook.loadIntoMySql(c);
        } catch (SQLException e) {
            throw new IllegalStateException("loading Chinook into MariaDB failed", e);
        }
        return name;
    }

    public static void execute(String sql) {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test setup failed: " + sql, e);
        }
    }

    private static void dropCreated() {
        synchronized (CREATED) {
            for (String name : CREATED) {
                try (Connection c = connect(""); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS `" + name + "`");
                } catch (SQLException e) {
                    System.err.println("could not drop test database " + name + ": " + e.getMessage());
                }
            }
        }
    }
}
