package dev.ferry.postgres;

import dev.ferry.spi.BulkCopy;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Tables as streams on PostgreSQL: {@code COPY … (FORMAT binary)} through pgjdbc's copy API, in exported snapshots. */
final class PostgresBulkCopy implements BulkCopy {

    @Override
    public String beginSnapshot(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            try (ResultSet r = s.executeQuery("SELECT pg_export_snapshot()")) {
                r.next();
                return r.getString(1);
            }
        }
    }

    @Override
    public void joinSnapshot(Connection c, String id) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            s.execute("SET TRANSACTION SNAPSHOT '" + id.replace("'", "''") + "'");
        }
    }

    @Override
    public void copyOut(Connection c, String qualifiedTable, List<String> columns, String where, OutputStream out) throws SQLException, IOException {
        String cols = String.join(", ", columns);
        String source = where == null ? qualifiedTable + " (" + cols + ")" : "(SELECT " + cols + " FROM " + qualifiedTable + " WHERE " + where + ")";
        copy(c).copyOut("COPY " + source + " TO STDOUT (FORMAT binary)", out);
    }

    @Override
    public long copyIn(Connection c, String qualifiedTable, List<String> columns, InputStream in) throws SQLException, IOException {
        return copy(c).copyIn("COPY " + qualifiedTable + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT binary)", in);
    }

    @Override
    public RowFramer framer() {
        return new PgBinaryFramer();
    }

    /**
     * The default maintenance_work_mem (64 MB) sorts a key of millions of rows on disk; 512 MB for this
     * session alone builds it in memory, as pg_restore users are told to set by hand.
     */
    @Override
    public void prepareIndexBuilds(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET maintenance_work_mem = '512MB'");
        }
    }

    @Override
    public List<String> sequencePositions(Connection c) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT format('%I.%I', schemaname, sequencename), last_value FROM pg_catalog.pg_sequences"
                        + " WHERE last_value IS NOT NULL AND schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")) {
            while (r.next()) {
                statements.add("SELECT pg_catalog.setval('" + r.getString(1).replace("'", "''") + "', " + r.getLong(2) + ", true)");
            }
        }
        return statements;
    }

    @Override
    public List<String> sequencesPastRows(Connection c, List<String> qualifiedTables) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT quote_ident(a.attname), pg_catalog.pg_get_serial_sequence(?, a.attname)"
                + " FROM pg_catalog.pg_attribute a WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped"
                + " AND pg_catalog.pg_get_serial_sequence(?, a.attname) IS NOT NULL ORDER BY a.attnum")) {
            for (String table : qualifiedTables) {
                p.setString(1, table);
                p.setString(2, table);
                p.setString(3, table);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        String sequence = r.getString(2).replace("'", "''");
                        // forward only: a sequence already past the copied rows (the target's own inserts) stays where it is
                        statements.add("SELECT pg_catalog.setval('" + sequence + "', m) FROM (SELECT MAX(" + r.getString(1) + ") AS m FROM " + table
                                + ") x, " + r.getString(2) + " s WHERE x.m > s.last_value OR (x.m = s.last_value AND NOT s.is_called)");
                    }
                }
            }
        }
        return statements;
    }

    private static CopyManager copy(Connection c) throws SQLException {
        return c.unwrap(PGConnection.class).getCopyAPI();
    }
}
