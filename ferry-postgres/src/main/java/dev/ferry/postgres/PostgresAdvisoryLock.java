package dev.ferry.postgres;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.AdvisoryLock;
import dev.ferry.spi.SessionInfo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A session-level advisory lock (not a transaction-level one, which would deadlock with
 * CREATE INDEX CONCURRENTLY). PostgreSQL releases it when the session ends, however it ends.
 */
final class PostgresAdvisoryLock implements AdvisoryLock {
    private static final long POLL_MS = 100;

    private final Connection connection;
    private final String name;
    private final long key;

    private PostgresAdvisoryLock(Connection connection, String name, long key) {
        this.connection = connection;
        this.name = name;
        this.key = key;
    }

    static PostgresAdvisoryLock acquire(Connection c, String name, Duration timeout) throws SQLException {
        long key = key(name);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_lock(?)")) {
                s.setLong(1, key);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getBoolean(1)) {
                        return new PostgresAdvisoryLock(c, name, key);
                    }
                }
            }
            if (System.nanoTime() >= deadline) {
                throw held(c, name, key, timeout);
            }
            sleep();
        }
    }

    /** A stable 64-bit key from the lock name (the first 8 bytes of its SHA-256). */
    static long key(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("ferry:" + name).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static FerryException held(Connection c, String name, long key, Duration timeout) throws SQLException {
        List<SessionInfo> holders = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select a.pid, a.usename, a.application_name, host(a.client_addr), a.state"
                + " from pg_locks l join pg_stat_activity a on a.pid = l.pid"
                + " where l.locktype = 'advisory' and l.granted and l.objsubid = 1 and l.classid::bigint = ? and l.objid::bigint = ?")) {
            s.setLong(1, key >>> 32);
            s.setLong(2, key & 0xFFFF_FFFFL);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    holders.add(new SessionInfo(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5)));
                }
            }
        }
        String who = holders.isEmpty() ? "another session" : holders.stream().map(SessionInfo::describe).reduce((a, b) -> a + ", " + b).orElseThrow();
        return new FerryException(ErrorCode.LOCKED, "the lock '" + name + "' is held by " + who + "; waited " + timeout.toSeconds() + " s",
                "wait for that run to finish, or raise --lock-timeout; the lock goes away by itself when its session ends");
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException(ErrorCode.STEP_FAILED, "interrupted while waiting for a lock", null, e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        try (PreparedStatement s = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            s.setLong(1, key);
            s.execute();
        } catch (SQLException e) {
            // The session is gone, and PostgreSQL released the lock with it.
        }
    }
}
