package dev.ferry.schema;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.Database;
import dev.ferry.spi.Dialect;
import dev.ferry.spi.RowCounts;
import dev.ferry.spi.ServerInfo;
import dev.ferry.spi.TableStats;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** {@code ferry inspect}: the tables of a database with their row counts and sizes. */
public final class InspectService {

    public InspectResult inspect(Database database, RowCounts counts) {
        long start = System.nanoTime();
        Dialect dialect = database.dialect();
        try (Connection c = database.connect()) {
            ServerInfo server = dialect.serverInfo(c);
            List<TableStats> tables = dialect.tables(c, counts);
            return new InspectResult(database.url().redacted(), server, tables, (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "inspecting " + database.url().redacted() + " failed: " + e.getMessage(),
                    "check that the user may read the catalog of this database", e);
        }
    }
}
