package dev.ferry.mysql;

import dev.ferry.spi.BulkCopy;

import java.util.Arrays;

/**
 * Splits {@link LoadDataText}'s format into rows: a newline that no backslash escapes ends one (the
 * row's bytes are hashed without it). The format has no trailer, so a stream is complete when it
 * ends with a row's newline; a stream cut exactly between rows is found by its row count and
 * checksum, which the restore compares with the manifest.
 */
final class LoadDataFramer implements BulkCopy.RowFramer {
    private byte[] partial = new byte[8 * 1024];
    private int length;
    /** The last byte seen was a backslash that escapes the next. */
    private boolean escaping;

    @Override
    public void feed(byte[] bytes, int offset, int count, BulkCopy.RowConsumer rows) {
        int start = offset;
        int end = offset + count;
        for (int i = offset; i < end; i++) {
            if (escaping) {
                escaping = false;
            } else if (bytes[i] == '\\') {
                escaping = true;
            } else if (bytes[i] == '\n') {
                if (length == 0) {
                    rows.row(bytes, start, i - start);
                } else {
                    append(bytes, start, i - start);
                    rows.row(partial, 0, length);
                    length = 0;
                }
                start = i + 1;
            }
        }
        append(bytes, start, end - start);
    }

    @Override
    public boolean complete() {
        return length == 0 && !escaping;
    }

    private void append(byte[] bytes, int offset, int count) {
        if (length + count > partial.length) {
            partial = Arrays.copyOf(partial, Math.max(partial.length * 2, length + count));
        }
        System.arraycopy(bytes, offset, partial, length, count);
        length += count;
    }
}
