package dev.ferry.copy;

import java.util.List;

/**
 * What {@code ferry copy} did: per table the rows the target took and their checksum, how the copy
 * was checked, and what the reader should know (parts kept from an earlier, interrupted run).
 *
 * @param verified "counts" (the server's own count of every load equal to the rows the source sent, checked before
 *                 its commit) or "checksums" (also every table counted and read back with the source's checksum)
 */
public record CopyResult(String from, String to, List<TableCopy> tables, long rows, long elapsedMs, boolean resumed, String verified,
                         List<String> notes) {
    public CopyResult {
        tables = List.copyOf(tables);
        notes = List.copyOf(notes);
    }

    /**
     * One table.
     *
     * @param parts     the streams it moved as (key ranges)
     * @param kept      of those, the ones an earlier run had committed
     */
    public record TableCopy(String table, long rows, String checksum, int parts, int kept) {
    }
}
