package dev.ferry.schema;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.schema.model.SchemaModel;
import dev.ferry.spi.Database;
import dev.ferry.spi.SchemaInspection;

import java.sql.Connection;
import java.sql.SQLException;

/** {@code ferry diff} between two live databases: inspect both, compare, render the script. */
public final class DiffService {

    public DiffResult diff(Database from, Database to, String schema) {
        SchemaModel a = inspect(from, schema);
        SchemaModel b = inspect(to, schema);
        return new DiffResult(from.url().redacted(), to.url().redacted(), SchemaDiff.between(a, b, to.dialect()));
    }

    public static SchemaModel inspect(Database database, String schema) {
        SchemaInspection inspection = database.dialect().require(SchemaInspection.class, "inspect schemas for diff yet");
        try (Connection c = database.connect()) {
            return inspection.inspectSchema(c, schema);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "inspecting the schema of " + database.url().redacted() + " failed: " + e.getMessage(), null, e);
        }
    }
}
