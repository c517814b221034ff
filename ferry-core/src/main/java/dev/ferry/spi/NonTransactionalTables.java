package dev.ferry.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Marks a dialect whose tables may use a storage engine that ignores transactions (MySQL and
 * MariaDB: MyISAM, Aria, MEMORY, CSV, ARCHIVE …), so a rollback leaves their changes in place.
 * Where every table takes part in transactions (PostgreSQL, SQLite) a dialect does not have it.
 *
 * <pre>{@code
 * Map<String, String> engines = dialect.capability(NonTransactionalTables.class)
 *         .map(t -> t.nonTransactionalTables(c)).orElse(Map.of()); // {"log" -> "MyISAM"}
 * }</pre>
 */
public interface NonTransactionalTables {

    /**
     * The tables of the session's current schema whose changes a rollback cannot undo, by name, with
     * their engine; also a table or view a write to which reaches such a table (through a trigger, or
     * as a view of it), with a phrase starting "is " that says how, e.g.
     * "is InnoDB, but its trigger `orders_ai` writes to MyISAM table `order_log`".
     */
    Map<String, String> nonTransactionalTables(Connection connection) throws SQLException;
}
