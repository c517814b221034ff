package dev.ferry.schema.model;

/**
 * An index that no constraint owns.
 *
 * @param definition the full CREATE INDEX statement in the database's own dialect
 */
public record Index(String name, String definition) {
}
