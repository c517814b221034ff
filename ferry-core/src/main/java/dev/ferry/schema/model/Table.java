package dev.ferry.schema.model;

import java.util.List;
import java.util.Optional;

/**
 * A table with its columns (in order), constraints, indexes and triggers.
 *
 * @param schema       null for the connection's own schema (MariaDB's database, SQLite's main)
 * @param partitioning how a partitioned table splits its rows, or where a partition belongs; null for a plain table
 */
public record Table(String schema, String name, List<Column> columns, List<Constraint> constraints, List<Index> indexes,
                    List<Trigger> triggers, Partitioning partitioning) {

    public Table(String schema, String name, List<Column> columns, List<Constraint> constraints, List<Index> indexes) {
        this(schema, name, columns, constraints, indexes, List.of(), null);
    }

    public String key() {
        return Names.key(schema, name);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public boolean isPartition() {
        return partitioning != null && partitioning.parent() != null;
    }
}
