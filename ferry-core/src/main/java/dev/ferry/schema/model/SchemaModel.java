package dev.ferry.schema.model;

import java.util.List;
import java.util.Optional;

/** The inspected schema of a database: what a diff compares. */
public record SchemaModel(List<Table> tables) {

    public Optional<Table> table(String key) {
        return tables.stream().filter(t -> t.key().equals(key)).findFirst();
    }
}
