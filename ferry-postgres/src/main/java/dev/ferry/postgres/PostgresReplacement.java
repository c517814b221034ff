package dev.ferry.postgres;

import dev.ferry.spi.DatabaseReplacement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Dropping and creating a database on PostgreSQL, from postgres (or template1 when the target is postgres itself). */
final class PostgresReplacement implements DatabaseReplacement {
    private final PostgresDialect dialect;

    PostgresReplacement(PostgresDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public String maintenanceDatabase(String target) {
        return target.equals("postgres") ? "template1" : "postgres";
    }

    @Override
    public boolean exists(Connection maintenance, String name) throws SQLException {
        try (PreparedStatement s = maintenance.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** WITH (FORCE) (PostgreSQL 13+) also ends sessions that connected after the others were terminated. */
    @Override
    public void drop(Connection maintenance, String name) throws SQLException {
        try (Statement s = maintenance.createStatement()) {
            boolean force = maintenance.getMetaData().getDatabaseMajorVersion() >= 13;
            s.execute("DROP DATABASE IF EXISTS " + dialect.quoteIdentifier(name) + (force ? " WITH (FORCE)" : ""));
        }
    }

    @Override
    public void create(Connection maintenance, String name) throws SQLException {
        try (Statement s = maintenance.createStatement()) {
            s.execute("CREATE DATABASE " + dialect.quoteIdentifier(name));
        }
    }
}
