package dev.ferry.cli;

/**
 * Declares that a command changes the database it works on. {@link DatabaseCommand} checks this once,
 * before connecting: a protected environment is written only after its name is typed on a terminal
 * or with {@code --yes}. A new writing command (backup restore, copy) gets that by implementing this.
 *
 * <pre>{@code
 * final class RestoreCommand extends DatabaseCommand implements WritesDatabase { ... }
 * }</pre>
 */
interface WritesDatabase {
    /** Whether this run writes; a command with a read-only mode ({@code migrate --dry-run}) says false for it. */
    default boolean writesDatabase() {
        return true;
    }
}
