package dev.ferry.schema.model;

/** A column of a table. */
public record ColumnRef(String schema, String table, String column) {

    public String tableKey() {
        return Names.key(schema, table);
    }

    @Override
    public String toString() {
        return tableKey() + "." + column;
    }
}
