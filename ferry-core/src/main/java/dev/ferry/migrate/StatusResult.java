package dev.ferry.migrate;

import java.util.List;

/** What {@code ferry status} found: every migration with its state, and the problems among them. */
public record StatusResult(String url, String location, String schemaVersion, List<MigrationStatus> migrations) {

    public List<MigrationStatus> problems() {
        return migrations.stream().filter(m -> m.state().isProblem()).toList();
    }

    public long pending() {
        return migrations.stream().filter(m -> m.state() == MigrationState.PENDING || m.state() == MigrationState.UNDONE
                || m.state() == MigrationState.REPEATABLE_OUTDATED).count();
    }
}
