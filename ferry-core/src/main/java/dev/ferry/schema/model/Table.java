package dev.ferry.schema.model;

import java.util.List;
import java.util.Optional;

/**
 * A table with its columns (in order), constraints, indexes and triggers.
 *
 * @param schema       null for the connection's own schema (MariaDB's database, SQLite's main)
 * @param partitioning how a partitioned table splits its rows, or where a partition belongs; null for a plain table
 * @param unlogged     PostgreSQL's UNLOGGED: not written to the WAL, emptied after a crash
 * @param rowSecurity  row-level security and its policies
 * @param options      what CREATE TABLE writes after its closing parenthesis, in that order: SQLite's
 *                     {@code WITHOUT ROWID} and {@code STRICT}; empty for the other databases
 */
public record Table(String schema, String name, List<Column> columns, List<Constraint> constraints, List<Index> indexes,
                    List<Trigger> triggers, Partitioning partitioning, boolean unlogged, RowSecurity rowSecurity, List<String> options) {

    /** A table with no options after CREATE TABLE's parenthesis, as every PostgreSQL and MariaDB table is here. */
    public Table(String schema, String name, List<Column> columns, List<Constraint> constraints, List<Index> indexes,
                 List<Trigger> triggers, Partitioning partitioning, boolean unlogged, RowSecurity rowSecurity) {
        this(schema, name, columns, constraints, indexes, triggers, partitioning, unlogged, rowSecurity, List.of());
    }

    public Table(String schema, String name, List<Column> columns, List<Constraint> constraints, List<Index> indexes) {
        this(schema, name, columns, constraints, indexes, List.of(), null);
    }

    /** A logged table without row-level security. */
    public Table(String schema, String name, List<Column> columns, List<Constraint> constraints, List<Index> indexes,
                 List<Trigger> triggers, Partitioning partitioning) {
        this(schema, name, columns, constraints, indexes, triggers, partitioning, false, RowSecurity.NONE);
    }

    /** The same table under another name, as a rebuild creates its copy (SQLite's {@code ferry_new_<t>}). */
    public Table renamed(String newSchema, String newName) {
        return new Table(newSchema, newName, columns, constraints, indexes, triggers, partitioning, unlogged, rowSecurity, options);
    }

    public boolean hasOption(String option) {
        return options.contains(option);
    }

    public String key() {
        return Names.key(schema, name);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public boolean isPartition() {
        return partitioning != null && partitioning.parent() != null;
    }
}
