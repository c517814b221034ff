package dev.ferry.copy.out;

import java.util.List;

/**
 * A PostgreSQL column as a copy out of PostgreSQL needs it.
 *
 * @param type       as {@code format_type} prints it ({@code numeric(10,2)}, {@code integer[]})
 * @param typeKind   {@code pg_type.typtype}: b base, e enum, d domain, c composite, r range, m multirange, p pseudo
 * @param category   {@code pg_type.typcategory}: A array, G geometric, T timespan, …
 * @param defaultSql the default as {@code pg_get_expr} prints it, null when none
 * @param identity   an identity column or a serial (its default takes the next value of a sequence)
 * @param nextValue  the value the column's sequence gives next, in the snapshot; 0 when it has none
 * @param generated  a generated column, whose value is the source's expression
 * @param labels     an enum's labels in order; empty for other types
 */
public record PgColumn(String name, String type, char typeKind, char category, boolean notNull, String defaultSql, boolean identity,
                       long nextValue, boolean generated, List<String> labels) {
}
