package dev.ferry.migrate;

import java.time.Duration;

/**
 * @param target      apply versioned migrations up to and including this one; null for all
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
