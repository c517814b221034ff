package dev.ferry.schema.model;

import java.util.List;

/**
 * A view or materialized view.
 *
 * @param query     the SELECT as the database prints it
 * @param dependsOn keys of the tables and views it reads
 * @param reads     the columns it reads, which cannot change type while it exists
 * @param indexes   indexes of a materialized view
 */
public record View(String schema, String name, boolean materialized, String query, List<String> dependsOn, List<ColumnRef> reads,
                   List<Index> indexes) {

    public String key() {
        return Names.key(schema, name);
    }

    public String kind() {
        return materialized ? "materialized view" : "view";
    }
}
