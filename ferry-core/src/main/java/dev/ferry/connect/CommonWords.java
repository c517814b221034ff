package dev.ferry.connect;

import java.util.Locale;
import java.util.Set;

/**
 * Words that a run's output holds for reasons of its own — SQL keywords, the usual names of users,
 * databases and schemas — so that a password which is one of them cannot be masked wherever it
 * appears without corrupting SQL and names ({@code CREATE TABLE "public"."t"} must stay as it is).
 * Such a password is masked in secret positions only; see {@link SecretMask}.
 */
final class CommonWords {
    private static final Set<String> WORDS = Set.of(
            // the usual users, databases, schemas and environments
            "postgres", "postgresql", "public", "root", "admin", "administrator", "mysql", "mariadb", "sqlite", "test", "tests",
            "user", "users", "password", "passwd", "secret", "ferry", "app", "application", "dev", "development", "prod",
            "production", "staging", "local", "localhost", "default", "example", "demo", "guest", "master", "main", "data",
            "database", "schema", "template", "template0", "template1", "information_schema", "pg_catalog", "changeme", "letmein",
            "welcome", "qwerty", "shop", "web", "api", "service", "migrations", "history", "ferry_history", "null", "none",
            // SQL keywords (PostgreSQL and MySQL) that Ferry's SQL, plans and reports are made of
            "select", "insert", "update", "delete", "create", "alter", "drop", "table", "tables", "view", "views", "index",
            "indexes", "column", "columns", "constraint", "primary", "foreign", "references", "unique", "check",
            "not", "and", "or", "from", "where", "into", "values", "set", "add", "rename", "type", "types", "enum", "domain",
            "sequence", "function", "procedure", "trigger", "begin", "commit", "rollback", "transaction", "with", "as", "on",
            "using", "cascade", "restrict", "grant", "revoke", "owner", "role", "exists", "replace", "returns", "language",
            "text", "integer", "bigint", "smallint", "numeric", "decimal", "varchar", "character", "varying", "boolean",
            "timestamp", "date", "time", "interval", "json", "jsonb", "uuid", "serial", "bigserial", "real", "double",
            "precision", "true", "false", "order", "group", "having", "limit", "offset", "join", "left", "right", "inner",
            "outer", "union", "all", "distinct", "case", "when", "then", "else", "end", "collate", "policy", "partition",
            "attach", "detach", "unlogged", "logged", "comment", "extension", "materialized", "refresh", "concurrently",
            "copy", "stdin", "stdout", "vacuum", "analyze", "explain", "current_user", "session_user", "generated", "always",
            "identity", "stored", "virtual", "modify", "engine", "charset", "auto_increment", "unsigned", "key", "keys");

    private CommonWords() {
    }

    /** Whether {@code word}, ignoring case and trailing digits ({@code Postgres15}, {@code PASSWORD1}), is common. */
    static boolean isCommon(String word) {
        String bare = word.toLowerCase(Locale.ROOT).replaceFirst("[0-9]+$", "");
        return WORDS.contains(bare);
    }
}
