package dev.ferry.migrate;

import dev.ferry.spi.Dialect;
import dev.ferry.spi.NonTransactionalTables;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds a statement that names a table a rollback cannot undo (MySQL's MyISAM, Aria, MEMORY …), so
 * the planner runs its file statement by statement and a failure says what stays instead of
 * claiming a rollback. The match is a word match of the table names against the statement text,
 * quoted or bare, ignoring case: it also fires on a name inside a string, a comment or a column
 * alias. That errs on purpose: a false match costs only the whole-file rollback of a file that would
 * have rolled back (and the failure then says truthfully what committed), while a missed table
 * would make Ferry report a rollback that did not happen.
 */
final class NonTransactionalWrites {
    static final NonTransactionalWrites NONE = new NonTransactionalWrites(Map.of());

    private record Table(String name, String engine, Pattern named) {
    }

    private final List<Table> tables = new ArrayList<>();

    NonTransactionalWrites(Map<String, String> enginesByTable) {
        // a name is a word when no identifier character touches it, so `log`, log and db.log all match
        enginesByTable.forEach((name, engine) -> tables.add(new Table(name, engine, Pattern.compile(
                "(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))));
    }

    /** The current schema's tables that cannot roll back, read once; none where the dialect's tables all can. */
    static NonTransactionalWrites read(Dialect dialect, Connection c) throws SQLException {
        var capability = dialect.capability(NonTransactionalTables.class);
        return capability.isEmpty() ? NONE : new NonTransactionalWrites(capability.get().nonTransactionalTables(c));
    }

    boolean isEmpty() {
        return tables.isEmpty();
    }

    /** Why the statement cannot be rolled back, e.g. "table `log` uses MyISAM, which cannot roll back"; null when it names no such table. */
    String whyNotUndone(String statement) {
        for (Table t : tables) {
            if (t.named().matcher(statement).find()) {
                return "table `" + t.name() + "` uses " + t.engine() + ", which cannot roll back";
            }
        }
        return null;
    }
}
