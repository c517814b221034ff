package dev.ferry.data;

import dev.ferry.migrate.MigrationVersion;

import java.nio.file.Path;

/**
 * One data migration of {@code migrations/data/}: {@code D<version>__<description>.sql}, whose
 * statements change rows rather than structure; with a {@code -- ferry:batch} directive they run once
 * per key range, each range in its own transaction together with its checkpoint.
 *
 * @param id       the version as written ("1", "2.1"): the history's key
 * @param batch    the directive, or null: the file runs once, in one transaction
 * @param checksum of the file's text, so that a file edited after it ran is noticed
 */
public record DataMigration(String id, MigrationVersion version, String description, Path file, String sql, BatchDirective batch, String checksum) {
}
