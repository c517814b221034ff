package dev.ferry.schema.model;

import java.util.List;

/**
 * An enumerated type.
 *
 * @param values  labels in their sort order
 * @param usedBy  columns of this type (partitions left out: they follow their parent)
 */
public record EnumType(String schema, String name, List<String> values, List<ColumnRef> usedBy) {

    public String key() {
        return Names.key(schema, name);
    }
}
