package dev.ferry.data;

/**
 * Per-record outcomes of a data migration: each goes to the outcome log as one line and to the
 * migration's counts, committed with the batch (or, outside batches, with the migration's end).
 */
public interface Outcomes {
    void migrated(Object key);

    /** Migrated, with what it was (say "IBAN"): the run counts the reasons of each outcome. */
    void migrated(Object key, String reason);

    void skipped(Object key, String reason);

    /** A record that could not be migrated: logged and skipped; past --max-errors the run stops after its batch. */
    void error(Object key, String reason);

    /** Rows changed without a per-record outcome (an UPDATE's count). */
    void migratedRows(long rows);
}
