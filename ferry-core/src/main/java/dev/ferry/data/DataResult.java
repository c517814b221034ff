package dev.ferry.data;

import java.util.List;
import java.util.Map;

/**
 * What {@code ferry data status} shows or {@code ferry data run} did: per data migration its state
 * and counts; with a dry run, a few rows of the first batch before and after.
 */
public record DataResult(String database, List<Item> migrations, boolean dryRun, long elapsedMs) {
    public DataResult {
        migrations = List.copyOf(migrations);
    }

    /**
     * One data migration.
     *
     * @param status  PENDING, RUNNING, COMPLETED, FAILED or SKIPPED
     * @param kind    sql, sql batched, java or command
     * @param batches the batches this run committed (or, dry, ran and rolled back)
     * @param detail  why it failed, or what else to know (its file edited after it ran); null when nothing
     * @param log     the per-record outcome log this run wrote to, or null
     * @param reasons per outcome (migrated, skipped, error) how many records had each reason
     */
    public record Item(String id, String description, String status, long processed, long migrated, long skipped, long errors, String kind,
                       int batches, long millis, String detail, String log, Map<String, Map<String, Long>> reasons, List<Sample> samples) {
        static Item pending(DataMigration m) {
            return new Item(m.id(), m.description(), DataHistory.Status.PENDING.name(), 0, 0, 0, 0, m.kind(), 0, 0, null, null, Map.of(), List.of());
        }

        static Item of(DataHistory.Entry e, String kind, String detail) {
            return new Item(e.id(), e.description(), e.status().name(), e.processed(), e.migrated(), e.skipped(), e.errors(), kind, 0, 0, detail,
                    null, OutcomeReasons.parse(e.reasons()).asMap(), List.of());
        }
    }

    /** Rows of a dry run's first batch, "before" or "after" its statements. */
    public record Sample(String when, List<String> rows) {
    }
}
