package dev.ferry.migrate;

import java.util.List;

/**
 * What {@code ferry status} found: every migration with its state, and the problems among them.
 *
 * @param unmanaged null, or why the empty history does not describe this database (another
 *                  tool's history, or tables no migration recorded)
 * @param history   whose history was read when not Ferry's own: "Rails's schema_migrations"; else null
 */
public record StatusResult(String url, String location, String schemaVersion, List<MigrationStatus> migrations, UnmanagedSchema unmanaged,
                           String history) {

    /** Whether the history describes the database and agrees with the files: what {@code ferry check} asks. */
    public boolean agrees() {
        return unmanaged == null && problems().isEmpty();
    }

    public List<MigrationStatus> problems() {
        return migrations.stream().filter(m -> m.state().isProblem()).toList();
    }

    public long pending() {
        return migrations.stream().filter(m -> m.state() == MigrationState.PENDING || m.state() == MigrationState.UNDONE
                || m.state() == MigrationState.REPEATABLE_OUTDATED).count();
    }
}
