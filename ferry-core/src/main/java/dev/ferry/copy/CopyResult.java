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
     */
    public record TableCopy(String table, long rows, String checksum, int parts, int kept, long zeroDates) {
        public TableCopy(String table, long rows, String checksum, int parts, int kept) {
            this(table, rows, checksum, parts, kept, 0);
        }
    }
}
