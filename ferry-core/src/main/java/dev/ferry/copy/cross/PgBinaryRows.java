package dev.ferry.copy.cross;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Rows as PostgreSQL's binary COPY stream: the signature, each row's field count and length-prefixed
 * values, the trailer. What the target's load and the stream's row counter both read.
 */
public final class PgBinaryRows {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private final OutputStream out;
    private final List<PgBinaryValues.Encoder> encoders;
    /**
     * Each row is put together here and goes on in one write (a DataOutputStream over a
     * BufferedOutputStream took a lock for every byte); the header at once, each row when it is whole,
     * so that whoever reads {@code out} sees whole rows only, and a row with a value that does not fit
     * is not written at all.
     */
    private byte[] buffer = new byte[1 << 12];
    private int used;

    public PgBinaryRows(OutputStream out, List<PgBinaryValues.Encoder> encoders) throws IOException {
        this.out = out;
        this.encoders = encoders;
        System.arraycopy(SIGNATURE, 0, buffer, 0, SIGNATURE.length);
        used = SIGNATURE.length;
        putInt(0); // flags
        putInt(0); // header extension length
        drain();
    }

    /** Writes one row; a value that does not fit its column is an {@link IllegalArgumentException} naming the column's position. */
    public void row(Object[] values) throws IOException {
        room(2);
        putShort(values.length);
        for (int i = 0; i < values.length; i++) {
            byte[] bytes;
            try {
                bytes = values[i] == null ? null : encoders.get(i).encode(values[i]);
            } catch (IllegalArgumentException e) {
                used = 0; // the row is left out whole
                throw new ColumnValueException(i, e.getMessage());
            }
            if (bytes == null) {
                room(4);
                putInt(-1);
            } else {
                room(4 + bytes.length);
                putInt(bytes.length);
                System.arraycopy(bytes, 0, buffer, used, bytes.length);
                used += bytes.length;
            }
        }
        drain();
    }

    /** The trailer; the stream is complete after it. */
    public void finish() throws IOException {
        room(2);
        putShort(-1);
        drain();
        out.flush();
    }

    private void room(int bytes) {
        if (used + bytes > buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, used + bytes));
        }
    }

    private void putShort(int v) {
        buffer[used++] = (byte) (v >> 8);
        buffer[used++] = (byte) v;
    }

    private void putInt(int v) {
        buffer[used++] = (byte) (v >> 24);
        buffer[used++] = (byte) (v >> 16);
        buffer[used++] = (byte) (v >> 8);
        buffer[used++] = (byte) v;
    }

    private void drain() throws IOException {
        out.write(buffer, 0, used);
        used = 0;
    }

    /** A value that does not fit its column, by the column's position in the row. */
    public static final class ColumnValueException extends IllegalArgumentException {
        private final int column;

        ColumnValueException(int column, String reason) {
            super(reason);
            this.column = column;
        }

        public int column() {
            return column;
        }
    }
}
