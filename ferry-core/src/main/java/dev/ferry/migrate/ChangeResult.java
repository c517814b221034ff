package dev.ferry.migrate;

import java.util.List;

/**
 * What {@code repair}, {@code baseline}, {@code adopt} and {@code undo} changed in the history,
 * one line per change, the problems that remain, and notes on what was found but left as it was.
 */
public record ChangeResult(String url, String command, List<String> changes, List<MigrationStatus> remaining, List<String> notes) {

    public ChangeResult(String url, String command, List<String> changes, List<MigrationStatus> remaining) {
        this(url, command, changes, remaining, List.of());
    }
}
