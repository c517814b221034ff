package dev.ferry.schema.model;

/**
 * A comment on an object.
 *
 * @param target the object as COMMENT ON names it, e.g. {@code COLUMN public.film.title}
 */
public record Comment(String target, String text) {
}
