package dev.ferry.copy.cross;

import java.util.List;

/**
 * How one source table lands in PostgreSQL: its target name, columns with their types, and the keys,
 * indexes and foreign keys built after the data (all in target names).
 *
 * @param primaryKey the target's key columns, empty when the source has none
 * @param uniques    the column lists of unique indexes and constraints, other than the key
 * @param indexes    the column lists of the other indexes
 */
public record TablePlan(String sourceTable, String targetTable, List<ColumnPlan> columns, List<String> primaryKey, List<List<String>> uniques,
                        List<List<String>> indexes, List<ForeignKey> foreignKeys) {

    /**
     * One column.
     *
     * @param sourceExpression what the source's SELECT reads for it (MariaDB's dates as text, so that zero dates survive the driver)
     * @param identity         AUTO_INCREMENT or SQLite's INTEGER PRIMARY KEY: an identity column, set past the copied ids after the data
     * @param defaultValue     the default in PostgreSQL's SQL, null when none (or when the source's is an expression of its own SQL)
     */
    public record ColumnPlan(String sourceName, String sourceExpression, String targetName, PostgresTypes.Mapped type, boolean nullable,
                             boolean identity, String defaultValue) {
    }

    /** A foreign key, in target names. */
    public record ForeignKey(List<String> columns, String referencedTable, List<String> referencedColumns, String onDelete, String onUpdate) {
    }

    public List<String> targetColumns() {
        return columns.stream().map(ColumnPlan::targetName).toList();
    }
}
