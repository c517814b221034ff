package dev.ferry.spi;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * What every database Ferry supports can answer. Dialects answer questions and never decide
 * policy; optional abilities ({@link TransactionalDdl}, {@link AdvisoryLocking},
 * {@link SessionControl}) are separate interfaces, asked for with {@link #capability} or
 * {@link #require}. Implementations are found with {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * Dialect dialect = Dialects.forUrl(url);
 * try (Database db = dialect.open(url); Connection c = db.connect()) {
 *     List<TableStats> tables = dialect.tables(c);
 * }
 * }</pre>
 */
public interface Dialect {

    /** Display name, e.g. "PostgreSQL". */
    String name();

    /** Whether this dialect serves the URL (by engine and form). */
    boolean supports(DatabaseUrl url);

    /**
     * Makes the database reachable (for {@code embedded:postgres}, starts or reuses the server)
     * without connecting yet. Close the result to release what it started.
     */
    Database open(DatabaseUrl url);

    /** Server product and version, the current database and its size. */
    ServerInfo serverInfo(Connection connection) throws SQLException;

    /** Quotes an identifier for this database, doubling embedded quote characters. */
    String quoteIdentifier(String identifier);

    /** User tables of the current database with their sizes and estimated row counts (rows = -1: not counted). */
    List<TableStats> tables(Connection connection) throws SQLException;

    /** The exact number of rows in a table. */
    default long countRows(Connection connection, TableStats table) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("select count(*) from " + qualify(table))) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The column type for a point in time, for Ferry's own tables. */
    default String timestampType() {
        return "TIMESTAMP";
    }

    /** Whether a backslash escapes the next character inside string literals (MySQL does by default). */
    default boolean backslashEscapes() {
        return false;
    }

    /**
     * Whether a SAVEPOINT outside a transaction opens one that lasts until its RELEASE (SQLite).
     * Elsewhere it is refused (PostgreSQL) or lasts for itself only (MySQL).
     */
    default boolean savepointOpensTransaction() {
        return false;
    }

    /**
     * Whether running this statement commits the open transaction by itself (MySQL and MariaDB:
     * DDL), so a migration holding one cannot be rolled back whole. By default every statement
     * does where DDL is not transactional, and none does where it is.
     */
    default boolean commitsImplicitly(String statement) {
        return !(this instanceof TransactionalDdl);
    }

    /**
     * Whether a failed ROLLBACK or COMMIT failed only because the database had already ended the
     * transaction itself, undoing all of it (SQLite does on INSERT OR ROLLBACK, RAISE(ROLLBACK)
     * and some I/O errors). Then the migration was rolled back all the same. False by default.
     */
    default boolean transactionAlreadyEnded(SQLException e) {
        return false;
    }

    /**
     * Whether the session, in autocommit mode, still holds a transaction open (MySQL: one a procedure's
     * START TRANSACTION opened). A history row written then would be rolled back at disconnect. False
     * by default: where a file cannot open a transaction the planner does not see.
     */
    default boolean transactionOpen(Connection c) throws SQLException {
        return false;
    }

    /**
     * Where in the statement sent the server located an error: a 1-based character offset
     * (PostgreSQL's error position; MySQL's "near '…' at line 3"), or 0 when the server did not say.
     */
    default int errorPosition(SQLException e, String statementSent) {
        return 0;
    }

    /**
     * As the first statement of the caller's transaction, keeps other sessions from inserting into
     * or changing {@code qualifiedTable} until it ends, while they may still read it: another tool's
     * history that Ferry is about to rewrite. Waits at most {@code timeout} for writers already at
     * work, then fails with the database's lock-timeout error ({@link #isLockTimeout}). Nothing by
     * default.
     */
    default void lockAgainstWriters(Connection connection, String qualifiedTable, java.time.Duration timeout) throws SQLException {
        // nothing by default
    }

    /** Whether {@code e} says a lock was not granted within the session's lock timeout. */
    default boolean isLockTimeout(SQLException e) {
        return false;
    }

    /**
     * Prepares a session that will run migrations, e.g. so the server notices a client that died
     * in the middle of a long statement and rolls its work back at once.
     */
    default void prepareMigrationSession(Connection connection) throws SQLException {
        // nothing by default
    }

    /** Command-line client tools Ferry may use against this database (dump, restore). */
    default List<ClientTool> clientTools() {
        return List.of();
    }

    /** This dialect's implementation of an optional capability, if it has one. */
    default <T> Optional<T> capability(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    /**
     * This dialect's implementation of a capability, or a typed error such as
     * "SQLite cannot terminate sessions".
     */
    default <T> T require(Class<T> type, String whatItCannotDo) {
        return capability(type).orElseThrow(() -> new FerryException(ErrorCode.UNSUPPORTED,
                name() + " cannot " + whatItCannotDo, null));
    }

    /** Qualified, quoted name of a table ({@code schema.table}, or just the table without a schema). */
    default String qualify(TableStats table) {
        return table.schema() == null ? quoteIdentifier(table.name())
                : quoteIdentifier(table.schema()) + "." + quoteIdentifier(table.name());
    }

    /** The schema unqualified names resolve to in this session, or null where the question does not apply. */
    default String currentSchema(Connection c) throws SQLException {
        return null;
    }
}
