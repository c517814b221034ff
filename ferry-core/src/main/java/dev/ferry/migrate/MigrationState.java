package dev.ferry.migrate;

/** Where a migration stands, comparing its file with the history. */
public enum MigrationState {
    APPLIED("applied", false),
    PENDING("pending", false),
    FAILED("failed", true),
    RENAMED("renamed", true),
    EDITED("edited", true),
    MISSING("missing", true),
    OUT_OF_ORDER("out-of-order", true),
    REPEATABLE_OUTDATED("repeatable-outdated", false),
    BASELINE("baseline", false),
    BELOW_BASELINE("below-baseline", false),
    UNDONE("undone", false),
    /** Another tool's recorded migration that more than one file could stand for: repair refuses to guess. */
    AMBIGUOUS("ambiguous", true);

    private final String label;
    private final boolean problem;

    MigrationState(String label, boolean problem) {
        this.label = label;
        this.problem = problem;
    }

    /** As shown by {@code ferry status}: "out-of-order". */
    public String label() {
        return label;
    }

    /** Whether files and history disagree, which {@code ferry check} reports and {@code migrate} refuses. */
    public boolean isProblem() {
        return problem;
    }
}
