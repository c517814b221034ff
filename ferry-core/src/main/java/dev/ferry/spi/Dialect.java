package dev.ferry.spi;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.sql.Connection;
import java.sql.SQLException;
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
 *     List<TableStats> tables = dialect.tables(c, RowCounts.EXACT);
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

    /** User tables of the current database, with sizes, estimated counts and (for EXACT) counted rows. */
    List<TableStats> tables(Connection connection, RowCounts counts) throws SQLException;

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
}
