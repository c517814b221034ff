package dev.ferry.spi;

/**
 * Scratch databases to apply migrations or a schema file into, so that what they produce can be
 * inspected and compared. Each is gone once closed.
 */
public interface ShadowDatabases {

    /**
     * A new, empty database of this server major version (0 or less: the version Ferry ships),
     * started by Ferry itself.
     */
    Database shadow(int majorVersion);

    /** Whether {@link #shadow} can start a server at all (false for MariaDB, which Ferry does not ship: only {@link #shadowOn}). */
    default boolean startsItsOwnServer() {
        return true;
    }

    /**
     * A new, empty database created on the server behind {@code server}, dropped when closed;
     * closing it closes {@code server} too.
     */
    Database shadowOn(Database server);
}
