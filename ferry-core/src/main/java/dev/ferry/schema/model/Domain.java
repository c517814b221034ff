package dev.ferry.schema.model;

import java.util.List;

/**
 * A domain: a base type with an optional default, NOT NULL and check constraints.
 *
 * @param checks named CHECK constraints, definitions as the database prints them
 */
public record Domain(String schema, String name, String baseType, String defaultValue, boolean notNull, List<Constraint> checks) {

    public String key() {
        return Names.key(schema, name);
    }
}
