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
    /** The dropped database's default character set and collation, which its replacement keeps; null before a drop. */
    private String characterSet;
    private String collation;

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
        try (PreparedStatement p = maintenance.prepareStatement("SELECT default_character_set_name, default_collation_name"
                + " FROM information_schema.schemata WHERE schema_name = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                    characterSet = r.getString(1);
                    collation = r.getString(2);
                }
            }
        }
        try (Statement s = maintenance.createStatement()) {
            s.execute("SET SESSION lock_wait_timeout = " + DROP_LOCK_WAIT_SECONDS);
            s.execute("DROP DATABASE IF EXISTS " + MySqlSchemaSql.q(name));
        }
    }

    /**
     * With the default character set and collation of the database it replaces, so that tables created
     * in it later get what they got before; utf8mb4 when there was none (or a killed run dropped it).
     */
    @Override
    public void create(Connection maintenance, String name) throws SQLException {
        String defaults = characterSet == null ? " CHARACTER SET utf8mb4"
                : " CHARACTER SET " + MySqlSchemaSql.q(characterSet) + (collation == null ? "" : " COLLATE " + MySqlSchemaSql.q(collation));
        try (Statement s = maintenance.createStatement()) {
            s.execute("CREATE DATABASE " + MySqlSchemaSql.q(name) + defaults);
        }
    }
}
