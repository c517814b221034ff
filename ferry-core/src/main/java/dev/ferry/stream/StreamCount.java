package dev.ferry.stream;

import java.util.HexFormat;

/**
 * What passed through one table's stream: its rows, its bytes in the binary format, and an
 * order-independent checksum of its content (the sum of each row's XXH64, as 16 hex digits), so
 * the same rows read in any order, from any copy of the table, in one piece or in key ranges, give
 * the same value.
 */
public record StreamCount(long rows, long bytes, String checksum) {
    public static final StreamCount NONE = new StreamCount(0, 0, HexFormat.of().toHexDigits(0L));

    /** The count of two parts of one table together: the checksums add as the row hashes did. */
    public StreamCount plus(StreamCount other) {
        long sum = HexFormat.fromHexDigitsToLong(checksum) + HexFormat.fromHexDigitsToLong(other.checksum);
        return new StreamCount(rows + other.rows, bytes + other.bytes, HexFormat.of().toHexDigits(sum));
    }
}
