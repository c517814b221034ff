package dev.ferry.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A named lock that lives as long as the holding session and is released by the database (or the
 * operating system) when the process dies, so no lock is ever left to clear by hand.
 */
public interface AdvisoryLocking {

    /**
     * Waits up to {@code timeout} for the lock on its own connection; on timeout throws a
     * {@code LOCKED} FerryException naming who holds it.
     */
    AdvisoryLock acquire(Connection connection, String name, Duration timeout) throws SQLException;
}
