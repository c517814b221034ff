package dev.ferry.schema.model;

/**
 * A row-level security policy of a table.
 *
 * @param definition the full CREATE POLICY statement
 */
public record Policy(String name, String definition) {
}
