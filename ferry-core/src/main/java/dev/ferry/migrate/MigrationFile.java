package dev.ferry.migrate;

/**
 * One migration script as found on disk or on the class path.
 *
 * @param kind        versioned, undo or repeatable
 * @param version     null for repeatable migrations
 * @param description from the file name, underscores as spaces
 * @param script      the path relative to the migrations location, as recorded in the history
 * @param checksum    see {@link Checksums}
 * @param sql         the content
 */
public record MigrationFile(MigrationKind kind, MigrationVersion version, String description, String script, String checksum, String sql) {

    /** "V3 (V3__add_index.sql)" or "R (R__views.sql)", for messages. */
    public String label() {
        String prefix = switch (kind) {
            case VERSIONED -> "V" + version;
            case UNDO -> "U" + version;
            case REPEATABLE -> "R";
            case BASELINE -> "baseline " + version;
        };
        return prefix + " (" + script + ")";
    }

    /** Whether the author asked for no transaction with a {@code -- ferry:no-transaction} line. */
    public boolean markedNoTransaction() {
        return sql.lines().anyMatch(l -> l.strip().equalsIgnoreCase("-- ferry:no-transaction"));
    }
}
