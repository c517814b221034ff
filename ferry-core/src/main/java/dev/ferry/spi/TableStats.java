package dev.ferry.spi;

/**
 * @param schema        schema of the table, null for databases without schemas (SQLite, MySQL's current database)
 * @param name          table name as stored
 * @param rows          counted rows, -1 when not counted
 * @param estimatedRows the planner's estimate, -1 when the database keeps none
 * @param sizeBytes     table plus indexes (and TOAST), -1 when unknown
 */
public record TableStats(String schema, String name, long rows, long estimatedRows, long sizeBytes) {

    public String qualifiedName() {
        return schema == null ? name : schema + "." + name;
    }

    public TableStats withRows(long counted) {
        return new TableStats(schema, name, counted, estimatedRows, sizeBytes);
    }
}
