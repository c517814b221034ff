package dev.ferry.connect;

/**
 * Where the migration history lives in the target database, and whose it is. The table defaults to
 * the tool's ({@code ferry_history} for Ferry), the schema to the connection's.
 */
public record HistoryConfig(String table, String schema, HistoryTool tool) {
    public static final HistoryConfig DEFAULT = new HistoryConfig(null, null, null);

    public HistoryConfig {
        tool = tool == null ? HistoryTool.FERRY : tool;
        table = table == null || table.isBlank() ? tool.table() : table;
    }

    public HistoryConfig(String table, String schema) {
        this(table, schema, null);
    }

    /** This history read as {@code tool}'s: the configured table and schema only if they were configured for that tool. */
    public HistoryConfig forTool(HistoryTool other) {
        return other == tool ? this : new HistoryConfig(null, null, other);
    }
}
