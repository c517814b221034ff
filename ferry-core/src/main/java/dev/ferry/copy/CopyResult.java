package dev.ferry.copy;

import java.util.List;

/**
 * What {@code ferry copy} did: per table the rows the target took and their checksum, how the copy
 * was checked, and what the reader should know (parts kept from an earlier, interrupted run).
 *
 * @param verified "counts" (the server's own count of every load equal to the rows the source sent, checked before
 *                 its commit), "table-counts" (between different databases with verify: also every table counted on the
 *                 source, in its snapshot, and on the target, equal; the two databases' encodings have no common checksum) or
 *                 "checksums" (also every table counted and read back with the source's checksum; PostgreSQL into PostgreSQL)
 */
public record CopyResult(String from, String to, List<TableCopy> tables, long rows, long elapsedMs, boolean resumed, String verified,
                         List<String> notes) {
    /** {@link #verified}: counted on both sides. */
    public static final String TABLE_COUNTS = "table-counts";

    public CopyResult {
        tables = List.copyOf(tables);
        notes = List.copyOf(notes);
    }

    /**
     * One table.
     *
     * @param parts     the streams it moved as (key ranges)
     * @param kept      of those, the ones an earlier run had committed
     * @param zeroDates MariaDB zero dates (0000-00-00) written as NULL, which PostgreSQL has no value for
     * @param rejected    rows the target refused, set aside in the rejects file (--max-rejects)
     * @param quarantined rows that repeated a unique key of a mapping, set aside in ferry_quarantine
     * @param millis      how long this run took to load it (0 when an earlier run had)
     */
    public record TableCopy(String table, long rows, String checksum, int parts, int kept, long zeroDates, long rejected, long quarantined,
                            long millis) {
        public TableCopy(String table, long rows, String checksum, int parts, int kept, long zeroDates) {
            this(table, rows, checksum, parts, kept, zeroDates, 0, 0, 0);
        }

        public TableCopy(String table, long rows, String checksum, int parts, int kept) {
            this(table, rows, checksum, parts, kept, 0);
        }
    }
}
