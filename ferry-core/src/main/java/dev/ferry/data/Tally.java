package dev.ferry.data;

/**
 * What one batch (or a migration's work outside batches) did, until its transaction commits: its
 * counts, the reasons per outcome, and its lines of the outcome log. Rolled back, it is dropped.
 */
class Tally implements Outcomes {
    private long processed;
    private long migrated;
    private long skipped;
    private long errors;
    private final OutcomeReasons reasons = OutcomeReasons.none();
    private final OutcomeLog.Lines lines;

    Tally(OutcomeLog.Lines lines) {
        this.lines = lines;
    }

    void processed(long rows) {
        processed += rows;
    }

    @Override
    public void migrated(Object key) {
        outcome(key, "migrated", null);
    }

    @Override
    public void migrated(Object key, String reason) {
        outcome(key, "migrated", reason);
    }

    @Override
    public void skipped(Object key, String reason) {
        outcome(key, "skipped", reason);
    }

    @Override
    public void error(Object key, String reason) {
        outcome(key, "error", reason);
    }

    private void outcome(Object key, String outcome, String reason) {
        lines.add(key, outcome, reason);
        reasons.add(outcome, reason);
        switch (outcome) {
            case "migrated" -> migrated++;
            case "skipped" -> skipped++;
            default -> errors++;
        }
    }

    @Override
    public void migratedRows(long rows) {
        migrated += rows;
    }

    DataHistory.Counts counts() {
        return new DataHistory.Counts(processed, migrated, skipped, errors);
    }

    OutcomeReasons reasons() {
        return reasons;
    }

    OutcomeLog.Lines lines() {
        return lines;
    }
}
