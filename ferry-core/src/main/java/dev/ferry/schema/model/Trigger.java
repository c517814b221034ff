package dev.ferry.schema.model;

/**
 * A trigger on a table.
 *
 * @param definition the full CREATE TRIGGER statement as the database prints it
 */
public record Trigger(String name, String definition) {
}
