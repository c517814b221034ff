package dev.ferry.migrate;

import java.time.Instant;

/**
 * One row of {@code ferry_history}.
 *
 * @param rank            order of installation, 1 first
 * @param version         null for repeatable migrations
 * @param checksum        see {@link Checksums}; for adopted rows whose file changed, the source tool's value
 * @param checksumVersion the {@link Checksums#VERSION} that made {@code checksum}
 * @param success         false for a migration that failed after some of it was committed
 * @param transactional   whether it ran inside one transaction
 * @param failedStatement for a failed migration: the statement that failed and where
 */
public record HistoryRow(int rank, String version, String description, MigrationKind kind, String script, String checksum,
                         int checksumVersion, String installedBy, Instant installedAt, long executionMs, boolean success,
                         boolean transactional, String failedStatement) {

    public MigrationVersion parsedVersion() {
        return version == null ? null : MigrationVersion.parse(version);
    }

    /** A successful row for a file just applied (the rank is assigned on insert). */
    static HistoryRow applied(MigrationFile f, MigrationKind kind, String installedBy, long executionMs, boolean transactional) {
        return new HistoryRow(0, f.version() == null ? null : f.version().toString(), f.description(), kind, f.script(), f.checksum(),
                Checksums.VERSION, installedBy, Instant.now(), executionMs, true, transactional, null);
    }
}
