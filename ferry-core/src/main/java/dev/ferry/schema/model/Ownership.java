package dev.ferry.schema.model;

/**
 * Who owns an object. Left out of a diff unless asked for: a shadow database's objects all belong
 * to its superuser, and owners often differ between environments on purpose.
 *
 * @param target the object as ALTER … OWNER TO names it, e.g. {@code TABLE public.film}
 */
public record Ownership(String target, String owner) {
}
