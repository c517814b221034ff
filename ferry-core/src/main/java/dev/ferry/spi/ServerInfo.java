package dev.ferry.spi;

/**
 * @param product      e.g. "PostgreSQL", "MariaDB", "SQLite"
 * @param version      the full version as the server reports it, e.g. "17.2"
 * @param majorVersion e.g. 17 (MariaDB: 10 for 10.11)
 * @param database     the current database (for SQLite, the file)
 * @param sizeBytes    on-disk size of the database, -1 when unknown
 * @param user         the user connected as, null where the database has none
 */
public record ServerInfo(String product, String version, int majorVersion, String database, long sizeBytes, String user) {

    /** "database shop", or "no database selected" for a server URL without one (mysql://root@db:3306/). */
    public String databaseLabel() {
        return database == null ? "no database selected" : "database " + database;
    }
}
