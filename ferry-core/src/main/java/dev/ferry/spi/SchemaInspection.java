package dev.ferry.spi;

import dev.ferry.schema.model.SchemaModel;

import java.sql.Connection;
import java.sql.SQLException;

/** Reading a database's schema into Ferry's model, for diff and drift detection. */
public interface SchemaInspection {

    /** Tables, columns, constraints and indexes of the user schemas (or only {@code schema} when not null). */
    SchemaModel inspectSchema(Connection connection, String schema) throws SQLException;
}
