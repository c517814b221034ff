package dev.ferry.mysql;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.AdvisoryLock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/** GET_LOCK, which the server releases when the connection ends. */
final class MySqlAdvisoryLock implements AdvisoryLock {
    /** MySQL limits lock names to 64 characters. */
    private static final int MAX_NAME = 64;

    private final Connection connection;
    private final String name;

    private MySqlAdvisoryLock(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    static MySqlAdvisoryLock acquire(Connection c, String name, Duration timeout) throws SQLException {
        String lockName = lockName(c, name);
        try (PreparedStatement s = c.prepareStatement("select get_lock(?, ?)")) {
            s.setString(1, lockName);
            s.setDouble(2, Math.max(0, timeout.toMillis() / 1000.0));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (r.getInt(1) == 1) {
                    return new MySqlAdvisoryLock(c, lockName);
                }
            }
        }
        throw new FerryException(ErrorCode.LOCKED, "the lock '" + name + "' is held by " + holder(c, lockName) + "; waited " + timeout.toSeconds() + " s",
                "wait for that run to finish, or raise --lock-timeout; the lock goes away by itself when its session ends");
    }

    /** Lock names are server-wide, so they carry the database name. */
    private static String lockName(Connection c, String name) throws SQLException {
        String full = "ferry:" + c.getCatalog() + ":" + name;
        return full.length() <= MAX_NAME ? full : full.substring(0, MAX_NAME);
    }

    private static String holder(Connection c, String lockName) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select p.id, p.user, p.host, p.command from information_schema.processlist p where p.id = is_used_lock(?)")) {
            s.setString(1, lockName);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? "connection " + r.getLong(1) + " (user " + r.getString(2) + ", " + r.getString(3) + ", " + r.getString(4) + ")" : "another session";
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        try (PreparedStatement s = connection.prepareStatement("select release_lock(?)")) {
            s.setString(1, name);
            s.execute();
        } catch (SQLException e) {
            // The connection is gone, and the server released the lock with it.
        }
    }
}
