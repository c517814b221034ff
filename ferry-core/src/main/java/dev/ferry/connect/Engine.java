package dev.ferry.connect;

/** The database engine behind a URL, which decides the dialect that serves it. */
public enum Engine {
    POSTGRES("PostgreSQL"),
    MYSQL("MySQL/MariaDB"),
    SQLITE("SQLite"),
    MONGODB("MongoDB");

    private final String displayName;

    Engine(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
