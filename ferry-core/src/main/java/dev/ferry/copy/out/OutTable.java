package dev.ferry.copy.out;

import java.util.List;

/**
 * One PostgreSQL table as it lands in MariaDB or SQLite: the columns that are copied, each with its
 * target type, identity and default, and the source's keys, indexes and foreign keys (to tables of
 * the same copy) in column lists. Tables keep their names; the source's schema is not part of it.
 */
public record OutTable(PgTable source, List<OutColumn> columns, List<PgTable.ForeignKey> foreignKeys) {

    /**
     * One copied column.
     *
     * @param identity     AUTO_INCREMENT (MariaDB) or INTEGER PRIMARY KEY AUTOINCREMENT (SQLite), moved past the copied ids after the data
     * @param defaultValue the default in the target's SQL, null when none (or when the source's does not translate)
     */
    public record OutColumn(PgColumn source, OutType type, boolean identity, String defaultValue) {
        public String name() {
            return source.name();
        }
    }

    public String name() {
        return source.name();
    }

    public List<String> columnNames() {
        return columns.stream().map(OutColumn::name).toList();
    }

    /** The identity column, if the table has one. */
    public java.util.Optional<OutColumn> identity() {
        return columns.stream().filter(OutColumn::identity).findFirst();
    }
}
