package dev.ferry.migrate;

import java.util.List;

/**
 * What {@code repair}, {@code baseline}, {@code adopt} and {@code undo} changed in the history,
 * one line per change, and the problems that remain.
 */
public record ChangeResult(String url, String command, List<String> changes, List<MigrationStatus> remaining) {
}
