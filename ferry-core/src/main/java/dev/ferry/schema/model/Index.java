package dev.ferry.schema.model;

/**
 * An index that no constraint owns.
 *
 * @param definition the full CREATE INDEX statement as the database prints it
 */
public record Index(String name, String definition) {
}
