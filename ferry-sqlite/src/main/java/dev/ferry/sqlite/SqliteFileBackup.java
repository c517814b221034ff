package dev.ferry.sqlite;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.Database;
import dev.ferry.spi.FileBackup;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Backups of SQLite as the database file itself. The copy is made with {@code VACUUM INTO}: one
 * read transaction, so one snapshot, taken while other connections go on (in WAL mode even their
 * writes do), and written compact, without the free pages the source may carry; the online backup
 * API would copy those pages too and, stepped, starts over whenever another connection writes.
 * A restore goes the other way through the online backup API, which writes the target in one
 * transaction under SQLite's own locks.
 */
final class SqliteFileBackup implements FileBackup {
    private static final String MEMORY = ":memory:";
    private static final int SQLITE_OK = 0;
    private static final int SQLITE_BUSY = 5;
    private static final int BUSY_SLEEP_MS = 100;

    private final org.sqlite.JDBC driver;

    SqliteFileBackup(org.sqlite.JDBC driver) {
        this.driver = driver;
    }

    @Override
    public String format() {
        return "sqlite";
    }

    @Override
    public String checksumName() {
        return SqliteTableChecksum.NAME;
    }

    @Override
    public Path file(Database database) {
        String path = database.url().path().orElseThrow();
        if (path.equals(MEMORY) || path.startsWith("file:")) {
            throw new FerryException(ErrorCode.USAGE, database.url().redacted() + " is not a database file: backup and restore of SQLite work on files",
                    "name the file: sqlite:path/to/app.db");
        }
        return Path.of(path).toAbsolutePath();
    }

    @Override
    public void copy(Database database, Path copy) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("VACUUM INTO '" + copy.toString().replace("'", "''") + "'");
        }
    }

    @Override
    public List<String> integrityProblems(Path file) throws SQLException {
        try (Connection c = readOnly(file); Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            List<String> problems = new ArrayList<>();
            while (r.next()) {
                problems.add(r.getString(1));
            }
            return problems.equals(List.of("ok")) ? List.of() : problems;
        }
    }

    @Override
    public List<TableContents> tables(Path file) throws SQLException {
        try (Connection c = readOnly(file)) {
            c.setAutoCommit(false); // one read transaction: one snapshot of a file others may be writing to
            List<TableContents> tables = new ArrayList<>();
            for (String table : tableNames(c)) {
                tables.add(SqliteTableChecksum.of(c, table));
            }
            return tables;
        }
    }

    private Connection readOnly(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        return driver.connect("jdbc:sqlite:" + file, config.toProperties());
    }

    /**
     * The online backup API from {@code copy} into the target, all pages in one step: one write
     * transaction of the target. sqlite-jdbc returns the source's error code, not the target's, so a
     * copy the target did not take (busy, or refused) is not reported here: the caller reads the
     * target afterwards.
     */
    @Override
    public void replace(Database target, Path copy, Duration lockTimeout) throws SQLException {
        try (Connection c = target.connect()) {
            matchPageSizeOfWalTarget(c, copy);
            int attempts = (int) Math.max(1, lockTimeout.toMillis() / BUSY_SLEEP_MS);
            int rc = c.unwrap(SQLiteConnection.class).getDatabase().restore("main", copy.toString(), null, BUSY_SLEEP_MS, attempts, -1);
            if (rc != SQLITE_OK) {
                throw new SQLException("the online backup API returned SQLite error " + rc + (rc == SQLITE_BUSY ? " (SQLITE_BUSY)" : ""), null, rc);
            }
        }
    }

    /** The backup API cannot change the page size of a target in WAL mode: the copy (Ferry's own, already checked) takes the target's. */
    private void matchPageSizeOfWalTarget(Connection target, Path copy) throws SQLException {
        if (!pragma(target, "journal_mode").equalsIgnoreCase("wal")) {
            return;
        }
        String pageSize = pragma(target, "page_size");
        try (Connection c = driver.connect("jdbc:sqlite:" + copy, new java.util.Properties()); Statement s = c.createStatement()) {
            if (!pragma(c, "page_size").equals(pageSize)) {
                s.execute("PRAGMA journal_mode = DELETE");
                s.execute("PRAGMA page_size = " + Integer.parseInt(pageSize));
                s.execute("VACUUM");
            }
        }
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + name)) {
            return r.next() ? r.getString(1) : "";
        }
    }

    /** A BEGIN IMMEDIATE takes the database's one write lock at once, or waits for the writer that holds it. */
    @Override
    public boolean writtenByAnother(Database target, Duration timeout) throws SQLException {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + Math.max(1, timeout.toMillis()));
            try {
                s.execute("BEGIN IMMEDIATE");
            } catch (SQLException e) {
                if (e.getErrorCode() == SQLITE_BUSY) {
                    return true;
                }
                throw e;
            }
            s.execute("ROLLBACK");
            return false;
        }
    }

    @Override
    public String integrityCheckCommand(String file) {
        return "sqlite3 " + file + " 'PRAGMA integrity_check'   # prints: ok";
    }

    /** Tables that hold rows of their own: not SQLite's (sqlite_sequence, sqlite_stat1) and not virtual ones, whose rows live in their shadow tables. */
    private static List<String> tableNames(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select name, sql from sqlite_schema where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name")) {
            while (r.next()) {
                if (!r.getString(2).strip().toUpperCase(Locale.ROOT).startsWith("CREATE VIRTUAL")) {
                    tables.add(r.getString(1));
                }
            }
        }
        return tables;
    }
}
