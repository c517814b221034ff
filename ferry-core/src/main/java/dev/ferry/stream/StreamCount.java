package dev.ferry.stream;

/**
 * What passed through one table's stream: its rows, its bytes in the binary format, and an
 * order-independent checksum of its content (the sum of each row's XXH64, as 16 hex digits), so
 * the same rows read in any order, from any copy of the table, give the same value.
 */
public record StreamCount(long rows, long bytes, String checksum) {
}
