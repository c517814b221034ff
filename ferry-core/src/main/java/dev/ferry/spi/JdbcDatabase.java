package dev.ferry.spi;

import dev.ferry.connect.DatabaseUrl;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Function;

/**
 * A database reached through one JDBC driver. The password travels in {@link Properties}, never in
 * the JDBC URL, so no driver can echo it in a message.
 */
public final class JdbcDatabase implements Database {
    private final DatabaseUrl url;
    private final Dialect dialect;
    private final Driver driver;
    private final String jdbcUrl;
    private final Properties properties;
    private final Function<SQLException, RuntimeException> translator;
    private final Runnable onClose;

    public JdbcDatabase(DatabaseUrl url, Dialect dialect, Driver driver, String jdbcUrl, Properties properties,
                        Function<SQLException, RuntimeException> translator, Runnable onClose) {
        this.url = url;
        this.dialect = dialect;
        this.driver = driver;
        this.jdbcUrl = jdbcUrl;
        this.properties = properties;
        this.translator = translator;
        this.onClose = onClose;
    }

    @Override
    public DatabaseUrl url() {
        return url;
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public Connection connect() {
        try {
            Connection c = driver.connect(jdbcUrl, properties);
            if (c == null) {
                throw new IllegalStateException(driver.getClass().getName() + " does not accept " + url.redacted());
            }
            return c;
        } catch (SQLException e) {
            throw translator.apply(e);
        }
    }

    @Override
    public void close() {
        onClose.run();
    }
}
