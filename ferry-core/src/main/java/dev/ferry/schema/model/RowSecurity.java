package dev.ferry.schema.model;

import java.util.List;

/**
 * Row-level security of a table: whether it is enabled, forced on the table's owner too, and its policies.
 */
public record RowSecurity(boolean enabled, boolean forced, List<Policy> policies) {
    /** Off, without policies: every table of a database that has no such thing. */
    public static final RowSecurity NONE = new RowSecurity(false, false, List.of());
}
