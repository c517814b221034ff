package dev.ferry.schema.model;

/** An installed extension; its objects are not part of the model. */
public record Extension(String name, String schema) {
}
