package dev.ferry.data;

import java.sql.Connection;
import java.util.List;

/**
 * One batch of a data migration, inside its transaction. Per-record outcomes go to the migration's
 * outcome log ({@code reports/data/D<id>.jsonl}) and its counts; they are committed with the batch,
 * so that a batch redone after a crash is never logged twice.
 */
public interface Batch {
    /** The rows of a {@link DataContext#batches} batch, in key order; empty for a {@link DataContext#ranges} batch. */
    List<DataRow> rows();

    /** The first key of the batch (a range's {@code :from}, inclusive). */
    Object from();

    /** The last key of a keyset batch (inclusive), or a range's {@code :to} (exclusive). */
    Object to();

    /** The session of the batch's transaction. */
    Connection connection();

    void migrated(Object key);

    /** Migrated, with what it was (say "IBAN"): the run counts the reasons of each outcome. */
    void migrated(Object key, String reason);

    void skipped(Object key, String reason);

    /** A record that could not be migrated: logged and skipped; past --max-errors the run stops after this batch. */
    void error(Object key, String reason);

    /** Rows changed without a per-record outcome (an UPDATE's count). */
    void migratedRows(long rows);
}
