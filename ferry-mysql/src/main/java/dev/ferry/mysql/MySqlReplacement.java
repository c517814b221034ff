package dev.ferry.mysql;

import dev.ferry.spi.DatabaseReplacement;
import dev.ferry.spi.SessionControl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Dropping and creating a database on MariaDB and MySQL, from information_schema, which every
 * account can connect to and which is never a restore's target.
 */
final class MySqlReplacement implements DatabaseReplacement {
    private static final int DROP_LOCK_WAIT_SECONDS = 60;
    private final SessionControl sessions;

    MySqlReplacement(SessionControl sessions) {
        this.sessions = sessions;
    }

    @Override
    public String maintenanceDatabase(String target) {
        return "information_schema";
    }

    @Override
    public boolean exists(Connection maintenance, String name) throws SQLException {
        try (PreparedStatement s = maintenance.prepareStatement("SELECT 1 FROM information_schema.schemata WHERE schema_name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /**
     * MariaDB has no DROP DATABASE … FORCE: a session that connected after the others were ended
     * would make the drop wait for its locks, so any such is ended too, just before. One working from
     * another database can still hold a table's lock: the drop waits a minute for it, not the default year.
     */
    @Override
    public void drop(Connection maintenance, String name) throws SQLException {
        sessions.terminateOtherSessions(maintenance, name);
        try (Statement s = maintenance.createStatement()) {
            s.execute("SET SESSION lock_wait_timeout = " + DROP_LOCK_WAIT_SECONDS);
            s.execute("DROP DATABASE IF EXISTS " + MySqlSchemaSql.q(name));
        }
    }

    /** In utf8mb4 (the tables say their own character sets only where they differ from the database's). */
    @Override
    public void create(Connection maintenance, String name) throws SQLException {
        try (Statement s = maintenance.createStatement()) {
            s.execute("CREATE DATABASE " + MySqlSchemaSql.q(name) + " CHARACTER SET utf8mb4");
        }
    }
}
