package dev.ferry.data;

/**
 * A data migration: code that changes rows rather than structure. Ferry finds its implementations by
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/dev.ferry.data.DataMigration} file in a
 * jar of {@code migrations/data/} or of {@code --classpath}), so nothing is registered by hand; the
 * SQL files ({@code D<version>__<description>.sql}) and command files ({@code .cmd}) of
 * {@code migrations/data/} are data migrations too. Ferry keeps their state in
 * {@code ferry_data_history}, runs them under a lock, and resumes one after its last committed batch.
 */
public interface DataMigration {

    /** The version it is ordered by, as written ("3", "2.1"): unique among the data migrations, the history's key. */
    String id();

    /** What it does, in a few words. */
    String description();

    /**
     * Does the work. Batches of {@link DataContext#batches} commit with their checkpoints; work outside
     * batches commits when {@code up} returns, together with the migration's COMPLETED state.
     */
    void up(DataContext context) throws Exception;

    /** Checks the result after {@code up}; a failed verdict marks the migration FAILED with its detail. Null: nothing to check. */
    default Verdict verify(DataContext context) throws Exception {
        return null;
    }

    /** Whether {@link #down} can undo {@code up}. */
    default boolean reversible() {
        return false;
    }

    /** Undoes {@code up}, in one transaction together with forgetting the history's row. */
    default void down(DataContext context) throws Exception {
        throw new UnsupportedOperationException("D" + id() + " is not reversible");
    }

    /** What tells Ferry that a completed migration was changed afterwards; by default its class's name. */
    default String checksum() {
        return getClass().getName();
    }

    /** What kind it is, as {@code ferry data list} shows it: "java", "sql", "sql batched", "command". */
    default String kind() {
        return "java";
    }

    /** Where it comes from, for messages: its class, or its file. */
    default String origin() {
        return getClass().getName();
    }
}
