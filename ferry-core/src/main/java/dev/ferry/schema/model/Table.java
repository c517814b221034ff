package dev.ferry.schema.model;

import java.util.List;
import java.util.Optional;

/** A table with its columns (in order), constraints and indexes. */
public record Table(String schema, String name, List<Column> columns, List<Constraint> constraints, List<Index> indexes) {

    public String key() {
        return schema + "." + name;
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }
}
