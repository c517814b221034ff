package dev.ferry.schema;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Progress;
import dev.ferry.spi.Database;
import dev.ferry.spi.Dialect;
import dev.ferry.spi.ServerInfo;
import dev.ferry.spi.TableStats;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@code ferry inspect}: the tables of a database with their row counts and sizes. */
public final class InspectService {
    private final Progress progress;

    public InspectService(Progress progress) {
        this.progress = progress;
    }

    /** Lists the tables; with {@code exact}, counts every table's rows (one scan each). */
    public InspectResult inspect(Database database, boolean exact) {
        long start = System.nanoTime();
        Dialect dialect = database.dialect();
        try (Connection c = database.connect()) {
            ServerInfo server = dialect.serverInfo(c);
            List<TableStats> tables = dialect.tables(c);
            if (exact) {
                tables = count(dialect, c, tables);
            }
            return new InspectResult(database.url().redacted(), server, tables, (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "inspecting " + database.url().redacted() + " failed: " + e.getMessage(),
                    "check that the user may read the catalog and the tables of this database", e);
        } finally {
            progress.finish();
        }
    }

    private List<TableStats> count(Dialect dialect, Connection c, List<TableStats> tables) throws SQLException {
        List<TableStats> counted = new ArrayList<>(tables.size());
        for (TableStats t : tables) {
            progress.update("counting rows of " + t.qualifiedName(), counted.size(), tables.size());
            counted.add(t.withRows(dialect.countRows(c, t)));
        }
        return counted;
    }
}
