package dev.ferry.migrate;

import java.time.Instant;

/**
 * One line of {@code ferry status}.
 *
 * @param version     null for repeatable migrations
 * @param script      the file, or for a missing one the script the history names
 * @param detail      e.g. "was V1__old.sql", the failed statement, or null
 * @param fix         the command or action that resolves a problem state, null otherwise
 * @param installedAt null when not applied
 * @param executionMs -1 when not applied
 * @param rank        the history row behind it, 0 when none
 * @param formerScript the script the history row names when the file has been renamed since
 *                    (RENAMED, or EDITED as well as renamed), null otherwise
 */
public record MigrationStatus(String version, String description, MigrationKind kind, String script, MigrationState state,
                              String detail, String fix, Instant installedAt, long executionMs, int rank, String formerScript) {
}
