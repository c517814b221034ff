package dev.ferry.copy.out;

/** The database a copy out of PostgreSQL writes into, with the limits its schema must keep. */
public enum OutTarget {
    /** MariaDB or MySQL: names of at most 64 characters, an index key of at most 3072 bytes (768 characters of utf8mb4). */
    MARIADB(64),
    /** SQLite: any name, any length of text. */
    SQLITE(Integer.MAX_VALUE);

    /** The longest name of a table, column, index or constraint the target takes. */
    public final int maxIdentifier;

    OutTarget(int maxIdentifier) {
        this.maxIdentifier = maxIdentifier;
    }

    /** The target of a dialect by its name, or null when a copy out of PostgreSQL does not go there. */
    public static OutTarget of(String dialectName) {
        return switch (dialectName) {
            case "MySQL/MariaDB" -> MARIADB;
            case "SQLite" -> SQLITE;
            default -> null;
        };
    }
}
