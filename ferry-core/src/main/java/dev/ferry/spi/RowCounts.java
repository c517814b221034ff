package dev.ferry.spi;

/** Whether to count rows (exact, one scan per table) or take the database's estimate. */
public enum RowCounts {
    EXACT,
    ESTIMATED
}
