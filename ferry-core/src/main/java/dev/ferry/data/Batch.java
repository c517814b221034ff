package dev.ferry.data;

import java.sql.Connection;
import java.util.List;

/**
 * One batch of a data migration, inside its transaction. Per-record outcomes go to the migration's
 * outcome log ({@code reports/data/D<id>.jsonl}) and its counts; they are committed with the batch,
 * so that a batch redone after a crash is never logged twice.
 */
public interface Batch extends Outcomes {
    /** The rows of a {@link DataContext#batches} batch, in key order; empty for a {@link DataContext#ranges} batch. */
    List<DataRow> rows();

    /** The first key of the batch (a range's {@code :from}, inclusive). */
    Object from();

    /** The last key of a keyset batch (inclusive), or a range's {@code :to} (exclusive). */
    Object to();

    /** The session of the batch's transaction. */
    Connection connection();
}
