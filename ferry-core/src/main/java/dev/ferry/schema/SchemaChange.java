package dev.ferry.schema;

/**
 * One difference between two schemas and the statement that removes it.
 *
 * @param phase       order in the script: drops of foreign keys and indexes first, then tables, columns,
 *                    constraints, indexes, and foreign keys last, so each statement finds what it needs
 * @param object      e.g. "column public.users.email"
 * @param summary     e.g. "missing", "default differs"
 * @param destructive drops data (a table, a column, a narrowing type change): commented out unless allowed
 */
public record SchemaChange(int phase, String object, String summary, String sql, boolean destructive) {
}
