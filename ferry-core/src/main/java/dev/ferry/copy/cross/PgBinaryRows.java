package dev.ferry.copy.cross;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Rows as PostgreSQL's binary COPY stream: the signature, each row's field count and length-prefixed
 * values, the trailer. What the target's load and the stream's row counter both read.
 */
public final class PgBinaryRows {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private final DataOutputStream out;
    private final List<PgBinaryValues.Encoder> encoders;

    public PgBinaryRows(OutputStream out, List<PgBinaryValues.Encoder> encoders) throws IOException {
        this.out = new DataOutputStream(out);
        this.encoders = encoders;
        this.out.write(SIGNATURE);
        this.out.writeInt(0); // flags
        this.out.writeInt(0); // header extension length
    }

    /** Writes one row; a value that does not fit its column is an {@link IllegalArgumentException} naming the column's position. */
    public void row(Object[] values) throws IOException {
        out.writeShort(values.length);
        for (int i = 0; i < values.length; i++) {
            byte[] bytes;
            try {
                bytes = values[i] == null ? null : encoders.get(i).encode(values[i]);
            } catch (IllegalArgumentException e) {
                throw new ColumnValueException(i, e.getMessage());
            }
            if (bytes == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }

    /** The trailer; the stream is complete after it. */
    public void finish() throws IOException {
        out.writeShort(-1);
        out.flush();
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
