package dev.ferry.data;

import dev.ferry.migrate.MigrationVersion;

import java.nio.file.Path;

/** A data migration that is a file of migrations/data ({@code D<version>__<description>.sql} or {@code .cmd}): its version and name come from the file's name. */
abstract class FileDataMigration implements DataMigration {
    private final MigrationVersion version;
    private final String description;
    private final Path file;

    FileDataMigration(MigrationVersion version, String description, Path file) {
        this.version = version;
        this.description = description;
        this.file = file;
    }

    @Override
    public final String id() {
        return version.toString();
    }

    final MigrationVersion version() {
        return version;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final String origin() {
        return file.toString();
    }

    final Path file() {
        return file;
    }
}
