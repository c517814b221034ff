package dev.ferry.backup;

/** A restore that finished: from where, into what, how many tables and rows, in how long. */
public record RestoreResult(String backup, String url, int tables, long rows, long elapsedMs) {
}
