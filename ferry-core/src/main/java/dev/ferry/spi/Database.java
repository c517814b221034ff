package dev.ferry.spi;

import dev.ferry.connect.DatabaseUrl;

import java.sql.Connection;

/**
 * A reachable database: opens connections and, when closed, releases what opening it started
 * (an embedded server). Connection failures come out as FerryException with a redacted URL.
 */
public interface Database extends AutoCloseable {

    DatabaseUrl url();

    Dialect dialect();

    /** A new connection, in auto-commit mode, named "ferry" where the database records names. */
    Connection connect();

    @Override
    void close();
}
