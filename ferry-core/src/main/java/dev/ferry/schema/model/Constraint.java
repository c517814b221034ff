package dev.ferry.schema.model;

/**
 * A table constraint: primary key, unique, check, exclusion or foreign key.
 *
 * @param kind       "PRIMARY KEY", "UNIQUE", "CHECK", "EXCLUDE" or "FOREIGN KEY"
 * @param definition as the database prints it ({@code FOREIGN KEY (a) REFERENCES t(id) ON DELETE CASCADE})
 */
public record Constraint(String name, String kind, String definition) {

    public boolean isForeignKey() {
        return kind.equals("FOREIGN KEY");
    }
}
