package dev.ferry.spi;

import dev.ferry.schema.model.SchemaModel;

import java.sql.Connection;
import java.sql.SQLException;

/** Reading a database's schema into Ferry's model, and writing the statements that change it, for diff and drift. */
public interface SchemaInspection {

    /** The user schemas (or only {@code schema} when not null). */
    SchemaModel inspectSchema(Connection connection, String schema) throws SQLException;

    /** How this dialect writes a repair script. */
    SchemaSql schemaSql();
}
