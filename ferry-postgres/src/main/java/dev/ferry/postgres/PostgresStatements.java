package dev.ferry.postgres;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What PostgreSQL statements refuse to run inside a transaction block. */
final class PostgresStatements {
    private static final List<Pattern> NEVER_IN_TRANSACTION = List.of(
            Pattern.compile("^(CREATE\\s+(UNIQUE\\s+)?INDEX|DROP\\s+INDEX|REINDEX(\\s+\\(.*?\\))?\\s+\\w+)\\s+CONCURRENTLY\\b.*", Pattern.DOTALL),
            Pattern.compile("^(VACUUM|CLUSTER\\s*$|CREATE\\s+DATABASE|DROP\\s+DATABASE|ALTER\\s+SYSTEM|CREATE\\s+TABLESPACE|DROP\\s+TABLESPACE"
                    + "|CREATE\\s+SUBSCRIPTION|DROP\\s+SUBSCRIPTION|ALTER\\s+SUBSCRIPTION)\\b.*", Pattern.DOTALL),
            Pattern.compile("^ALTER\\s+DATABASE\\s+\\S+\\s+SET\\s+TABLESPACE\\b.*", Pattern.DOTALL));
    /** Before PostgreSQL 12, a new enum value could not be added inside a transaction. */
    private static final Pattern ADD_ENUM_VALUE = Pattern.compile("^ALTER\\s+TYPE\\s+.+\\s+ADD\\s+VALUE\\b.*", Pattern.DOTALL);

    private PostgresStatements() {
    }

    static boolean cannotRunInTransaction(String statement, int serverMajorVersion) {
        String s = withoutLeadingComments(statement).toUpperCase(Locale.ROOT);
        if (NEVER_IN_TRANSACTION.stream().anyMatch(p -> p.matcher(s).matches())) {
            return true;
        }
        return serverMajorVersion < 12 && ADD_ENUM_VALUE.matcher(s).matches();
    }

    private static String withoutLeadingComments(String sql) {
        String s = sql.strip();
        while (true) {
            if (s.startsWith("--")) {
                int nl = s.indexOf('\n');
                s = nl < 0 ? "" : s.substring(nl + 1).strip();
            } else if (s.startsWith("/*")) {
                int end = s.indexOf("*/");
                s = end < 0 ? "" : s.substring(end + 2).strip();
            } else {
                return s;
            }
        }
    }
}
