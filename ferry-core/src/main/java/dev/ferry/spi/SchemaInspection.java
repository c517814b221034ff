package dev.ferry.spi;

import dev.ferry.schema.model.SchemaModel;
import dev.ferry.schema.model.Table;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** Reading a database's schema into Ferry's model, and writing the statements that change it, for diff and drift. */
public interface SchemaInspection {

    /** The user schemas (or only {@code schema} when not null). */
    SchemaModel inspectSchema(Connection connection, String schema) throws SQLException;

    /** How this dialect writes a repair script. */
    SchemaSql schemaSql();

    /**
     * How many rows table {@code from} has on this live database, and how many of them the copy of
     * {@link SchemaSql#rebuildTable} into {@code to} would leave out because they break the
     * target's constraints; empty where the dialect never rebuilds. Only reads the database.
     */
    default Optional<RebuildRows> rebuildRows(Connection connection, Table from, Table to) throws SQLException {
        return Optional.empty();
    }

    /** @param rows the table's rows now; @param leftOut those the rebuild would not copy */
    record RebuildRows(long rows, long leftOut) {
    }
}
