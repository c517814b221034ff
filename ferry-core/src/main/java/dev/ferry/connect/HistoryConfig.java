package dev.ferry.connect;

/** Where the migration history lives in the target database; the schema defaults to the connection's. */
public record HistoryConfig(String table, String schema) {
    public static final HistoryConfig DEFAULT = new HistoryConfig(null, null);

    public HistoryConfig {
        table = table == null || table.isBlank() ? "ferry_history" : table;
    }
}
