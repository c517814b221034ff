package dev.ferry.migrate;

import java.time.Duration;

/**
 * @param target      apply versioned migrations up to and including this one; null for all. Repeatable
 *                    migrations run too when it is at or above the latest version (Flyway's rule);
 *                    below it they are left out and the result's warnings say so
 * @param dryRun      show what would run, change nothing
 * @param rehearse    run everything pending in one transaction and roll it back
 * @param outOfOrder  also apply pending migrations below the highest applied version
 * @param lockTimeout how long to wait for another Ferry's lock
 */
public record MigrateOptions(MigrationVersion target, boolean dryRun, boolean rehearse, boolean outOfOrder, Duration lockTimeout) {
    public static MigrateOptions defaults() {
        return new MigrateOptions(null, false, false, false, Duration.ofSeconds(60));
    }
}
