package dev.ferry.migrate;

import dev.ferry.spi.Dialect;
import dev.ferry.spi.NonTransactionalTables;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
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
    /** An unquoted identifier's characters; a name made of them is found by a word lookup, in time linear in the statement. */
    private static final Pattern WORD = Pattern.compile("[\\w$]+", Pattern.UNICODE_CHARACTER_CLASS);

    private record Table(String name, String engine) {
        /** The engine, or (from the dialect) a phrase starting "is " that says how a write reaches such an engine's table. */
        String reason() {
            return engine.startsWith("is ") ? "`" + name + "` " + engine + ", which cannot roll back"
                    : "table `" + name + "` uses " + engine + ", which cannot roll back";
        }
    }

    private final Map<String, Table> byWord = new HashMap<>();
    /** Names with other characters (a space, a hyphen), searched for one by one. */
    private final Map<Pattern, Table> otherNames = new LinkedHashMap<>();

    NonTransactionalWrites(Map<String, String> enginesByTable) {
        enginesByTable.forEach((name, engine) -> {
            Table t = new Table(name, engine);
            if (WORD.matcher(name).matches()) {
                byWord.putIfAbsent(lower(name), t);
            } else {
                // a name is a word when no identifier character touches it, so `a b`, a b and db.`a b` all match
                otherNames.put(Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])",
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS), t);
            }
        });
    }

    /** The current schema's tables that cannot roll back, read once; none where the dialect's tables all can. */
    static NonTransactionalWrites read(Dialect dialect, Connection c) throws SQLException {
        var capability = dialect.capability(NonTransactionalTables.class);
        return capability.isEmpty() ? NONE : new NonTransactionalWrites(capability.get().nonTransactionalTables(c));
    }

    /** Why the statement cannot be rolled back, e.g. "table `log` uses MyISAM, which cannot roll back"; null when it names no such table. */
    String whyNotUndone(String statement) {
        if (!byWord.isEmpty()) {
            Matcher words = WORD.matcher(statement);
            while (words.find()) {
                Table t = byWord.get(lower(words.group()));
                if (t != null) {
                    return t.reason();
                }
            }
        }
        for (Map.Entry<Pattern, Table> other : otherNames.entrySet()) {
            if (other.getKey().matcher(statement).find()) {
                return other.getValue().reason();
            }
        }
        return null;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
