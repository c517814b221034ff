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

    /**
     * As {@link #shadow(int)}, the server set like the one behind {@code like} where it shapes how long
     * work takes (commit durability, WAL, memory for sorts and index builds): a rehearsal's scratch copy
     * then writes as its original will. The settings taken, as {@code name=value}, are in the result's
     * {@code settings} list of {@link Shadow}. Without such settings: as {@link #shadow(int)}.
     */
    default Shadow shadowLike(int majorVersion, Database like) {
        return new Shadow(shadow(majorVersion), java.util.List.of());
    }

    /** A shadow server and the settings it took from the server it imitates. */
    record Shadow(Database database, java.util.List<String> settings) {
    }

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
