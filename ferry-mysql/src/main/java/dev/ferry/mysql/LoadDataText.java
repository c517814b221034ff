package dev.ferry.mysql;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes rows in the text format {@code LOAD DATA} reads by default: fields separated by a tab,
 * rows ended by a newline, NULL as {@code \N}, and a backslash before the bytes that would
 * otherwise mean something (tab, newline, backslash; NUL as {@code \0}). Every other byte, of text
 * or of a BLOB, is written as it is. Buffered: rows go to the stream in pieces of about 64 KiB.
 */
final class LoadDataText implements dev.ferry.spi.BulkRowFormat.Rows {
    private static final int FLUSH_AT = 1 << 16;
    private final OutputStream out;
    private byte[] buffer = new byte[FLUSH_AT + 1024];
    private int length;

    LoadDataText(OutputStream out) {
        this.out = out;
    }

    /** One field ({@code null}: SQL NULL), then a tab, or the newline when it ends its row. */
    @Override
    public void field(byte[] value, boolean last) throws IOException {
        if (value == null) {
            put((byte) '\\');
            put((byte) 'N');
        } else {
            for (byte b : value) {
                switch (b) {
                    case '\t' -> escaped((byte) 't');
                    case '\n' -> escaped((byte) 'n');
                    case '\\' -> escaped((byte) '\\');
                    case 0 -> escaped((byte) '0');
                    default -> put(b);
                }
            }
        }
        put(last ? (byte) '\n' : (byte) '\t');
        if (last && length >= FLUSH_AT) {
            flush();
        }
    }

    @Override
    public void flush() throws IOException {
        out.write(buffer, 0, length);
        length = 0;
    }

    private void escaped(byte b) {
        put((byte) '\\');
        put(b);
    }

    private void put(byte b) {
        if (length == buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
        }
        buffer[length++] = b;
    }
}
