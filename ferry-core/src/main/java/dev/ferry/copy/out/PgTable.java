package dev.ferry.copy.out;

import java.util.List;

/**
 * One PostgreSQL table as a copy out of PostgreSQL reads it from the catalog, in its snapshot.
 *
 * @param primaryKey  the key's columns in order, empty when there is none
 * @param uniques     the column lists of unique constraints and plain unique indexes
 * @param indexes     the column lists of the other plain indexes
 * @param foreignKeys the table's foreign keys, to tables of the same copy or not
 * @param leftOut     what of the table no other database is given ("index x_lower_idx on an expression"), for the notes
 */
public record PgTable(String schema, String name, List<PgColumn> columns, List<String> primaryKey, List<List<String>> uniques,
                      List<List<String>> indexes, List<ForeignKey> foreignKeys, List<String> leftOut) {

    /** A foreign key: its columns, the table it refers to (by name) and that table's columns, and its actions in SQL words. */
    public record ForeignKey(List<String> columns, String referencedTable, List<String> referencedColumns, String onDelete, String onUpdate) {
    }

    /** "public.album", for messages. */
    public String label() {
        return schema + "." + name;
    }

    /** A column this table has, by name. */
    public PgColumn column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst().orElseThrow();
    }
}
