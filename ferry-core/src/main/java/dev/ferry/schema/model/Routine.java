package dev.ferry.schema.model;

/**
 * A function, procedure or aggregate.
 *
 * @param signature  name with argument types, e.g. {@code film_in_stock(integer, integer)}
 * @param kind       "function", "procedure" or "aggregate"
 * @param definition the full CREATE statement as the database prints it
 * @param usesTableTypes whether a table's row type is among its argument or result types, so that it
 *                   comes after the tables; others come before them, for defaults and checks that call them
 */
public record Routine(String schema, String signature, String kind, String definition, boolean usesTableTypes) {

    public String key() {
        return Names.key(schema, signature);
    }
}
