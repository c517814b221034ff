package dev.ferry.schema.model;

/**
 * A column as the catalog describes it.
 *
 * @param type         with modifiers, as the database prints it ({@code character varying(40)})
 * @param defaultValue the default expression, null when none
 * @param identity     "ALWAYS" or "BY DEFAULT" for identity columns, null otherwise
 * @param generated    a generated column's clause after {@code GENERATED ALWAYS AS}:
 *                     {@code (expression) STORED} or {@code (expression) VIRTUAL}; null otherwise
 */
public record Column(String name, String type, boolean nullable, String defaultValue, String identity, String generated) {

    public static Column of(String name, String type, boolean nullable, String defaultValue) {
        return new Column(name, type, nullable, defaultValue, null, null);
    }
}
