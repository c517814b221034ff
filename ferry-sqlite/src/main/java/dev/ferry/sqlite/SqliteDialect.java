package dev.ferry.sqlite;

import dev.ferry.connect.DirectoryTrees;
import dev.ferry.connect.DatabaseUrl;
import dev.ferry.connect.Engine;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.schema.model.SchemaModel;
import dev.ferry.schema.model.Table;
import dev.ferry.spi.AdvisoryLock;
import dev.ferry.spi.AdvisoryLocking;
import dev.ferry.spi.ConnectionErrors;
import dev.ferry.spi.Database;
import dev.ferry.spi.Dialect;
import dev.ferry.spi.FileBackup;
import dev.ferry.spi.JdbcDatabase;
import dev.ferry.spi.SchemaInspection;
import dev.ferry.spi.SchemaSql;
import dev.ferry.spi.ServerInfo;
import dev.ferry.spi.ShadowDatabases;
import dev.ferry.spi.TableStats;
import dev.ferry.spi.TransactionalDdl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** SQLite files through xerial's sqlite-jdbc. */
public final class SqliteDialect implements Dialect, TransactionalDdl, AdvisoryLocking, SchemaInspection, ShadowDatabases {
    private static final org.sqlite.JDBC DRIVER = new org.sqlite.JDBC();
    private static final String MEMORY = ":memory:";
    private static final FileBackup FILE_BACKUP = new SqliteFileBackup(DRIVER);

    /** SQLite's SAVEPOINT outside a transaction is a BEGIN DEFERRED TRANSACTION; its RELEASE commits. */
    /**
     * A write that changes nothing takes the database's one RESERVED lock at once (waiting at most
     * {@code timeout} for another writer), so no other session writes until this transaction ends.
     */
    @Override
    public void lockAgainstWriters(Connection connection, String qualifiedTable, Duration timeout) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + Math.max(1, timeout.toMillis()));
            s.execute("DELETE FROM " + qualifiedTable + " WHERE 0");
        }
    }

    /** SQLITE_BUSY (5): another connection held the write lock past busy_timeout. */
    @Override
    public boolean isLockTimeout(SQLException e) {
        return e.getErrorCode() == 5;
    }

    /** Backups of the file itself ({@link SqliteFileBackup}), besides the capabilities this class implements. */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        return type == FileBackup.class ? Optional.of(type.cast(FILE_BACKUP)) : Dialect.super.capability(type);
    }

    @Override
    public boolean savepointOpensTransaction() {
        return true;
    }

    @Override
    public String name() {
        return "SQLite";
    }

    @Override
    public boolean supports(DatabaseUrl url) {
        return url.engine() == Engine.SQLITE;
    }

    /**
     * Opens an existing file; a missing one is an error rather than a new empty database, so a
     * mistyped path is noticed. Pass {@code ?create=true} to create it.
     */
    @Override
    public Database open(DatabaseUrl url) {
        String path = url.path().orElseThrow();
        Map<String, String> params = new HashMap<>(url.params());
        boolean create = Boolean.parseBoolean(params.remove("create"));
        if (!path.equals(MEMORY) && !create && !Files.isRegularFile(Path.of(path))) {
            throw new FerryException(ErrorCode.UNKNOWN_DATABASE, "the SQLite database file " + path + " does not exist",
                    "check the path (relative paths start at the working directory), or add ?create=true to create it");
        }
        Properties props = new Properties();
        params.forEach(props::setProperty);
        return new JdbcDatabase(url, this, DRIVER, "jdbc:sqlite:" + path, props,
                e -> ConnectionErrors.failed(url, e.getMessage(), e), () -> { });
    }

    /** A new file in a temporary directory, removed with it when closed. SQLite has no server versions to match. */
    @Override
    public Database shadow(int majorVersion) {
        try {
            Path dir = Files.createTempDirectory("ferry-shadow");
            Path file = dir.resolve("shadow.sqlite");
            DatabaseUrl url = DatabaseUrl.parse("sqlite:" + file);
            return new JdbcDatabase(url, this, DRIVER, "jdbc:sqlite:" + file, new Properties(),
                    e -> ConnectionErrors.failed(url, e.getMessage(), e), () -> DirectoryTrees.delete(dir));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create a shadow SQLite database", e);
        }
    }

    /** A SQLite "server" is a file: the shadow is a temporary file all the same. */
    @Override
    public Database shadowOn(Database server) {
        server.close();
        return shadow(0);
    }

    @Override
    public ServerInfo serverInfo(Connection c) throws SQLException {
        String path = c.getMetaData().getURL().substring("jdbc:sqlite:".length());
        long size = path.equals(MEMORY) ? -1 : Path.of(path).toFile().length();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select sqlite_version()")) {
            r.next();
            String version = r.getString(1);
            return new ServerInfo("SQLite", version, Integer.parseInt(version.split("\\.")[0]), path, size, null);
        }
    }

    @Override
    public String quoteIdentifier(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public List<TableStats> tables(Connection c) throws SQLException {
        Map<String, Long> sizes = sizes(c);
        List<TableStats> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name")) {
            while (r.next()) {
                String name = r.getString(1);
                tables.add(new TableStats(null, name, -1, -1, sizes.getOrDefault(name, -1L)));
            }
        }
        return tables;
    }

    /** Bytes per table including its indexes, from the dbstat virtual table where compiled in. */
    private static Map<String, Long> sizes(Connection c) throws SQLException {
        Map<String, Long> sizes = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select m.tbl_name, sum(d.pgsize) from dbstat d join sqlite_master m on m.name = d.name group by m.tbl_name")) {
            while (r.next()) {
                sizes.put(r.getString(1), r.getLong(2));
            }
        } catch (SQLException noDbstat) {
            if (!String.valueOf(noDbstat.getMessage()).contains("dbstat")) {
                throw noDbstat;
            }
        }
        return sizes;
    }

    /** The main schema ({@code schema} null) or an attached one. */
    @Override
    public SchemaModel inspectSchema(Connection c, String schema) throws SQLException {
        return new SqliteSchemaReader(c, schema).read();
    }

    @Override
    public SchemaSql schemaSql() {
        return new SqliteSchemaSql();
    }

    @Override
    public Optional<RebuildRows> rebuildRows(Connection c, Table from, Table to) throws SQLException {
        return Optional.of(SqliteRebuildProbe.count(c, new SqliteSchemaSql(), from, to));
    }

    /** VACUUM is the one SQLite statement that refuses a transaction. */
    @Override
    public boolean cannotRunInTransaction(String statement, int serverMajorVersion) {
        return statement.strip().toUpperCase(java.util.Locale.ROOT).startsWith("VACUUM");
    }

    @Override
    public AdvisoryLock acquire(Connection c, String name, Duration timeout) throws SQLException {
        String path = c.getMetaData().getURL().substring("jdbc:sqlite:".length());
        return SqliteFileLock.acquire(path, name, timeout);
    }

    /** "cannot rollback - no transaction is active", "cannot commit - no transaction is active". */
    @Override
    public boolean transactionAlreadyEnded(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("no transaction is active");
    }
}
