package dev.ferry.backup;

import java.util.List;

/**
 * A restore that finished: from where, into what, how many tables and rows, in how long; for
 * {@code --clean}, the safety backup taken first (null when the target held nothing) and the
 * sessions ended.
 */
public record RestoreResult(String backup, String url, int tables, long rows, long elapsedMs, String safetyBackup, List<String> sessionsEnded) {

    public RestoreResult(String backup, String url, int tables, long rows, long elapsedMs) {
        this(backup, url, tables, rows, elapsedMs, null, List.of());
    }
}
