package dev.ferry.migrate;

/**
 * A migration run by this invocation (or, in a dry run, one that would be).
 *
 * @param transactional whether it ran inside one transaction
 * @param sql           the script, filled in for dry runs only
 */
public record AppliedMigration(String version, String description, MigrationKind kind, String script, long executionMs,
                               boolean transactional, String sql) {

    static AppliedMigration of(MigrationFile f, long ms, boolean transactional, boolean withSql) {
        return new AppliedMigration(f.version() == null ? null : f.version().toString(), f.description(), f.kind(), f.script(), ms,
                transactional, withSql ? f.sql() : null);
    }
}
