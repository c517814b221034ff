package dev.ferry.sqlite;

import dev.ferry.schema.model.Table;
import dev.ferry.spi.SchemaInspection.RebuildRows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Counts the rows a rebuild would leave out by doing its copy for real, the same CREATE TABLE and
 * INSERT OR IGNORE, into a temporary database attached for the purpose: exact for every kind of
 * constraint, and the user's file is only read.
 */
final class SqliteRebuildProbe {
    private static final String PROBE = "ferry_probe";

    private SqliteRebuildProbe() {
    }

    static RebuildRows count(Connection c, SqliteSchemaSql sql, Table from, Table to) throws SQLException {
        Table probe = to.renamed(PROBE, "ferry_new_" + to.name()); // STRICT too: its type errors are counted like the constraints' 
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA foreign_keys = OFF"); // the probe's foreign keys name tables it does not have
            s.execute("ATTACH DATABASE '' AS " + PROBE); // '': a temporary file, removed when detached
            try {
                s.execute(sql.createTable(probe));
                // no column in common: nothing is copied (and dropping every column is destructive anyway)
                Optional<String> copy = sql.copy(from, probe);
                long copied = copy.isPresent() ? s.executeUpdate(copy.get()) : 0;
                long rows;
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + SqliteSchemaSql.qualified(from.schema(), from.name()))) {
                    r.next();
                    rows = r.getLong(1);
                }
                return new RebuildRows(rows, rows - copied);
            } finally {
                s.execute("DETACH DATABASE " + PROBE);
            }
        }
    }
}
