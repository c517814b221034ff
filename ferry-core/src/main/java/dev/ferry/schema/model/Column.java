package dev.ferry.schema.model;

/**
 * A column as the catalog describes it.
 *
 * @param type         with modifiers, as the database prints it ({@code character varying(40)})
 * @param defaultValue the default expression, null when none
 * @param identity     "ALWAYS" or "BY DEFAULT" for identity columns, null otherwise
 * @param generated    a generated column's clause after {@code GENERATED ALWAYS AS}:
 *                     {@code (expression) STORED} or {@code (expression) VIRTUAL}; null otherwise
 * @param collation    the collation when it is not its type's default, as COLLATE takes it
 *                     ({@code "C"}, {@code "de_DE"}); null otherwise
 * @param comment      the comment where the column itself holds it (MariaDB, whose MODIFY COLUMN has to
 *                     repeat it), null when none; PostgreSQL's comments are {@link Comment}s instead
 */
public record Column(String name, String type, boolean nullable, String defaultValue, String identity, String generated,
                     String collation, String comment) {

    /** A column of its type's default collation, without a comment of its own. */
    public Column(String name, String type, boolean nullable, String defaultValue, String identity, String generated) {
        this(name, type, nullable, defaultValue, identity, generated, null, null);
    }

    public static Column of(String name, String type, boolean nullable, String defaultValue) {
        return new Column(name, type, nullable, defaultValue, null, null);
    }

    /** Whether the column has a default other than NULL. */
    public boolean hasDefault() {
        return defaultValue != null && !defaultValue.equalsIgnoreCase("null");
    }

    /**
     * Whether this column, the target's, gives its default to a NULL of {@code current}: it becomes
     * NOT NULL and has a default, so a copy into it fills the NULL instead of failing on it.
     */
    public boolean fillsNullsOf(Column current) {
        return current.nullable() && !nullable && identity == null && hasDefault();
    }

    public Column withCollation(String newCollation) {
        return new Column(name, type, nullable, defaultValue, identity, generated, newCollation, comment);
    }

    public Column withComment(String newComment) {
        return new Column(name, type, nullable, defaultValue, identity, generated, collation, newComment);
    }
}
