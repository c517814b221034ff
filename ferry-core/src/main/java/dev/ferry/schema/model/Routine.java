package dev.ferry.schema.model;

/**
 * A function, procedure or aggregate.
 *
 * @param signature  name with argument types, e.g. {@code film_in_stock(integer, integer)}
 * @param kind       "function", "procedure" or "aggregate"
 * @param definition the full CREATE statement as the database prints it
 */
public record Routine(String schema, String signature, String kind, String definition) {

    public String key() {
        return Names.key(schema, signature);
    }
}
