package dev.ferry.spi;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Marks a dialect that can drop a database and create it again empty, from a session on another
 * database of the same server (PostgreSQL: DROP DATABASE … WITH (FORCE), CREATE DATABASE …): what
 * {@code restore --clean} does to its target after the safety backup.
 */
public interface DatabaseReplacement {

    /** The database of the same server to work from while {@code target} is dropped. */
    String maintenanceDatabase(String target);

    /** Whether {@code name} exists on the server. */
    boolean exists(Connection maintenance, String name) throws SQLException;

    void drop(Connection maintenance, String name) throws SQLException;

    void create(Connection maintenance, String name) throws SQLException;
}
