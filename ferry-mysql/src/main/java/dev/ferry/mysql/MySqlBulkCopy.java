package dev.ferry.mysql;

import dev.ferry.spi.BulkCopy;
import dev.ferry.spi.BulkRowFormat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Tables as streams on MariaDB and MySQL: a streamed SELECT written as the tab-separated text that
 * {@code LOAD DATA} reads by default ({@link LoadDataText}), loaded back with
 * {@code LOAD DATA LOCAL INFILE} fed from the stream through Connector/J.
 *
 * <p>MariaDB cannot hand one session's snapshot to another as PostgreSQL exports one. Several
 * sessions see the same data only when each starts its consistent snapshot while no write can
 * commit: {@code FLUSH TABLES WITH READ LOCK} held for that moment, as mydumper does. That needs the
 * RELOAD privilege and no long statement in the way; without either, one session reads every table.
 */
final class MySqlBulkCopy implements BulkCopy, BulkRowFormat {
    private final MySqlDialect dialect;

    /** The snapshot id of sessions started under the global read lock. */
    private static final String UNDER_READ_LOCK = "flush-tables-with-read-lock";
    private static final int ACCESS_DENIED = 1227;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    /** ER_NOT_ALLOWED_COMMAND (local_infile OFF on MariaDB and MySQL 5.7), and MySQL 8's ER_CLIENT_LOCAL_FILES_DISABLED. */
    private static final int LOCAL_INFILE_REFUSED = 1148;
    private static final int LOCAL_INFILE_DISABLED = 3948;
    /** How long FLUSH TABLES WITH READ LOCK may wait for running statements (meanwhile it holds writers off) before one session reads alone. */
    private static final int READ_LOCK_WAIT_SECONDS = 5;
    private static final int FETCH_ROWS = 1000;
    /** Types whose values Connector/J gives as bytes: text (converted to utf8mb4 by the server), binary strings, BLOBs, geometry. */
    private static final java.util.Set<Integer> AS_BYTES = java.util.Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR,
            Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB, Types.OTHER);
    /** Values exactly as they are: times in UTC, 0 kept in an AUTO_INCREMENT column, zero dates allowed; any warning fails the load. */
    private static final String LOAD_SESSION = "SET SESSION time_zone = '+00:00', SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO',"
            + " SESSION foreign_key_checks = 0, SESSION unique_checks = 0";

    MySqlBulkCopy(MySqlDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public String beginSnapshot(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION lock_wait_timeout = " + READ_LOCK_WAIT_SECONDS);
            boolean locked;
            try {
                s.execute("FLUSH TABLES WITH READ LOCK");
                locked = true;
            } catch (SQLException e) {
                if (e.getErrorCode() != ACCESS_DENIED && e.getErrorCode() != LOCK_WAIT_TIMEOUT) {
                    throw e;
                }
                locked = false;
            }
            s.execute("SET SESSION lock_wait_timeout = DEFAULT"); // the reads after it wait as long as any other
            startSnapshot(s);
            return locked ? UNDER_READ_LOCK : null;
        }
    }

    @Override
    public void beginOwnSnapshot(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            startSnapshot(s);
        }
    }

    @Override
    public void joinSnapshot(Connection c, String id) throws SQLException {
        if (!UNDER_READ_LOCK.equals(id)) {
            throw new SQLException("no MariaDB snapshot to join: " + id);
        }
        beginOwnSnapshot(c);
    }

    /** Every session has its snapshot: writers may go on. UNLOCK TABLES leaves this session's transaction open. */
    @Override
    public void allJoined(Connection c, String id) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("UNLOCK TABLES");
        }
    }

    private static void startSnapshot(Statement s) throws SQLException {
        s.execute("SET SESSION time_zone = '+00:00'");
        s.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
    }

    @Override
    public void copyOut(Connection c, String qualifiedTable, List<String> columns, String where, OutputStream out) throws SQLException, IOException {
        String select = "SELECT " + String.join(", ", exactColumns(c, qualifiedTable, columns)) + " FROM " + qualifiedTable
                + (where == null ? "" : " WHERE " + where);
        LoadDataText text = new LoadDataText(out);
        try (Statement s = c.createStatement()) {
            s.setFetchSize(FETCH_ROWS); // streamed, a thousand rows at a time, not all in memory
            try (ResultSet r = s.executeQuery(select)) {
                int n = columns.size();
                while (r.next()) {
                    for (int i = 1; i <= n; i++) {
                        text.field(r.getBytes(i), i == n);
                    }
                }
            }
        }
        text.flush();
    }

    /**
     * The columns as SELECT must name them for Connector/J to hand over each value's text as bytes:
     * strings, BLOBs and BIT as they come (text in utf8mb4), every other type as the server's own
     * text of it (CAST … AS CHAR: the digits and fractions it prints, zero dates included). A FLOAT
     * prints with six digits, which do not read back as the same float, so it goes through the
     * DOUBLE it widens to exactly.
     */
    private static List<String> exactColumns(Connection c, String qualifiedTable, List<String> columns) throws SQLException {
        List<String> exact = new ArrayList<>(columns);
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + qualifiedTable + " LIMIT 0")) {
            ResultSetMetaData meta = r.getMetaData();
            for (int i = 0; i < columns.size(); i++) {
                int type = meta.getColumnType(i + 1);
                String column = columns.get(i);
                if (type == Types.REAL) {
                    exact.set(i, "CAST(CAST(" + column + " AS DOUBLE) AS CHAR)");
                } else if (!AS_BYTES.contains(type) && !(type == Types.BIT && meta.getColumnTypeName(i + 1).equalsIgnoreCase("BIT"))) {
                    exact.set(i, "CAST(" + column + " AS CHAR)");
                }
            }
        }
        return exact;
    }

    @Override
    public long copyIn(Connection c, String qualifiedTable, List<String> columns, InputStream in) throws SQLException, IOException {
        ReadFailure source = new ReadFailure(in);
        try (Statement s = c.createStatement()) {
            s.execute(LOAD_SESSION);
            s.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(source);
            long rows = s.executeLargeUpdate("LOAD DATA LOCAL INFILE 'ferry-stream.tsv' INTO TABLE " + qualifiedTable + " CHARACTER SET utf8mb4"
                    + " FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (" + String.join(", ", columns) + ")");
            failOnWarnings(s);
            return rows;
        } catch (SQLException e) {
            if (source.failure != null) {
                throw source.failure; // the connector reports only "Socket error": the stream's own failure says what is wrong
            }
            if (e.getErrorCode() == LOCAL_INFILE_REFUSED || e.getErrorCode() == LOCAL_INFILE_DISABLED) {
                throw new SQLException("the server refuses LOAD DATA LOCAL, which a restore loads each table with (" + e.getMessage()
                        + "); allow it on the target: SET GLOBAL local_infile = 1", e.getSQLState(), e.getErrorCode(), e);
            }
            throw e;
        }
    }

    /** Keeps the first failure reading the stream, which Connector/J turns into a bare socket error. */
    private static final class ReadFailure extends java.io.FilterInputStream {
        IOException failure;

        ReadFailure(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }
    }

    /** LOAD DATA LOCAL cannot stop the stream, so a value it cannot take becomes a warning (and a changed value): here, a failure. */
    private static void failOnWarnings(Statement s) throws SQLException {
        List<String> warnings = new ArrayList<>();
        long count = 0;
        try (ResultSet r = s.executeQuery("SHOW WARNINGS LIMIT 3")) {
            while (r.next()) {
                warnings.add(r.getString(3));
            }
        }
        if (warnings.isEmpty()) {
            return;
        }
        try (ResultSet r = s.executeQuery("SELECT @@warning_count")) {
            count = r.next() ? r.getLong(1) : warnings.size();
        }
        throw new SQLException("LOAD DATA did not take every value as it was (" + count + (count == 1 ? " warning" : " warnings") + ": "
                + String.join("; ", warnings) + ")");
    }

    @Override
    public List<String> warnings(Connection c) throws SQLException {
        return MySqlBackupWarnings.of(dialect, c);
    }

    @Override
    public List<String> notBackedUp(Connection c) throws SQLException {
        return MySqlBackupWarnings.notBackedUp(c);
    }

    /** Rows another database's copy writes value by value, in the text {@link #copyIn} loads. */
    @Override
    public Rows rows(OutputStream out) {
        return new LoadDataText(out);
    }

    @Override
    public String fileSuffix() {
        return ".tsv";
    }

    @Override
    public RowFramer framer() {
        return new LoadDataFramer();
    }

    /** AUTO_INCREMENT where it stands, so new ids continue after the source's (also past rows deleted at the end). */
    @Override
    public List<String> sequencePositions(Connection c) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT table_name, auto_increment FROM information_schema.tables"
                + " WHERE table_schema = database() AND table_type = 'BASE TABLE' AND auto_increment IS NOT NULL ORDER BY table_name")) {
            while (r.next()) {
                statements.add("ALTER TABLE " + MySqlSchemaSql.q(r.getString(1)) + " AUTO_INCREMENT = " + r.getLong(2));
            }
        }
        return statements;
    }
}
