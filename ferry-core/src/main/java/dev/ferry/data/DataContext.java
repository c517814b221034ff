package dev.ferry.data;

import java.sql.Connection;

/**
 * What Ferry gives a data migration: its session, batches that commit with their checkpoints (and
 * resume after the last committed one), the per-record outcome log, dry-run awareness, progress and
 * the throttle. Its outcomes are those of work outside batches, committed when {@code up} returns.
 */
public interface DataContext extends Outcomes {

    /** The migration's session; Ferry owns its transactions (auto-commit is off). */
    Connection connection();

    /** Whether this is a dry run: every batch is rolled back, and nothing is recorded. */
    boolean dryRun();

    /**
     * Runs {@code handler} on the rows of {@code query} in batches of {@code size}, ordered by the
     * query's first column (its key, unique: a primary key), by keyset pagination; each batch is one
     * transaction together with its checkpoint. After a crash the next run goes on after the last
     * committed batch.
     */
    void batches(String query, int size, BatchHandler handler) throws Exception;

    /**
     * Runs {@code handler} once per range of {@code size} rows of {@code table}'s integer {@code key}
     * ({@link Batch#from} inclusive, {@link Batch#to} exclusive), each range one transaction with its checkpoint.
     */
    void ranges(String table, String key, int size, BatchHandler handler) throws Exception;

    /** For a migration that pages by itself: the key its last committed checkpoint reached, or null on a fresh start. */
    String resumeAfter();

    /**
     * For a migration that pages by itself: records that its work up to {@code key} is done, with the
     * outcomes reported since the last checkpoint, and commits the migration's session.
     */
    void checkpoint(String key, long processed) throws Exception;

    /** Shows how far it is, on a terminal. */
    void progress(long done, long total);

    /** A line for the operator (stderr). */
    void note(String text);
}
