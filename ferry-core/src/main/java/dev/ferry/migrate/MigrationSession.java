package dev.ferry.migrate;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.AdvisoryLock;
import dev.ferry.spi.AdvisoryLocking;
import dev.ferry.spi.Database;
import dev.ferry.spi.Dialect;
import dev.ferry.spi.ServerInfo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The connections one migration command works with: one that holds the lock for the whole run
 * (a session lock on its own connection, so it survives the migrations' commits and
 * CREATE INDEX CONCURRENTLY does not wait on it), and one that runs the work.
 */
final class MigrationSession implements AutoCloseable {
    static final String LOCK_NAME = "migrate";

    private final Database database;
    private final Connection work;
    private final Connection lockConnection;
    private final AdvisoryLock lock;
    private final ServerInfo server;

    private MigrationSession(Database database, Connection work, Connection lockConnection, AdvisoryLock lock, ServerInfo server) {
        this.database = database;
        this.work = work;
        this.lockConnection = lockConnection;
        this.lock = lock;
        this.server = server;
    }

    /** Opens the session; with {@code lockTimeout} null, takes no lock (reading only). */
    static MigrationSession open(Database database, Duration lockTimeout) {
        Dialect dialect = database.dialect();
        Connection work = database.connect();
        Connection lockConnection = null;
        try {
            ServerInfo server = dialect.serverInfo(work);
            dialect.prepareMigrationSession(work);
            AdvisoryLock lock = null;
            if (lockTimeout != null) {
                lockConnection = database.connect();
                lock = dialect.require(AdvisoryLocking.class, "lock").acquire(lockConnection, LOCK_NAME, lockTimeout);
            }
            return new MigrationSession(database, work, lockConnection, lock, server);
        } catch (SQLException e) {
            closeQuietly(work, lockConnection);
            throw new FerryException(ErrorCode.SQL, "preparing " + database.url().redacted() + " for migrations failed: " + e.getMessage(), null, e);
        } catch (RuntimeException e) {
            closeQuietly(work, lockConnection);
            throw e;
        }
    }

    Database database() {
        return database;
    }

    Dialect dialect() {
        return database.dialect();
    }

    Connection connection() {
        return work;
    }

    ServerInfo server() {
        return server;
    }

    /** Who the history says installed a migration: the database user, else the operating-system user. */
    String installedBy() {
        return server.user() != null ? server.user() : System.getProperty("user.name", "unknown");
    }

    @Override
    public void close() {
        if (lock != null) {
            lock.close();
        }
        closeQuietly(work, lockConnection);
    }

    private static void closeQuietly(Connection... connections) {
        for (Connection c : connections) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (SQLException e) {
                // Closing a connection that is already broken: the server has ended the session.
            }
        }
    }
}
