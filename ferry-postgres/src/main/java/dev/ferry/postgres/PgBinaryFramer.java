package dev.ferry.postgres;

import dev.ferry.spi.BulkCopy;

import java.io.IOException;
import java.util.Arrays;

/**
 * Splits PostgreSQL's binary COPY format into rows: an 11-byte signature, flags, a header
 * extension, then per row a 16-bit field count and each field as a 32-bit length (-1 for NULL)
 * and its bytes, and a count of -1 as the trailer. Bytes arrive in pieces of any size; a row is
 * handed on once all of it is here.
 */
final class PgBinaryFramer implements BulkCopy.RowFramer {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private byte[] buffer = new byte[64 * 1024];
    private int length;
    private boolean headerRead;
    private boolean trailerRead;
    private boolean bytesAfterTrailer;

    @Override
    public void feed(byte[] bytes, int offset, int count, BulkCopy.RowConsumer rows) throws IOException {
        if (trailerRead) {
            bytesAfterTrailer |= count > 0;
            return;
        }
        if (headerRead && length == 0) {
            // nothing held back (pgjdbc hands over one whole row per write): frame the caller's bytes where they are
            int end = offset + count;
            int pos = frame(bytes, offset, end, rows);
            append(bytes, pos, end - pos);
            return;
        }
        append(bytes, offset, count);
        int pos = 0;
        if (!headerRead) {
            pos = header();
            if (pos < 0) {
                return;
            }
            headerRead = true;
        }
        pos = frame(buffer, pos, length, rows);
        System.arraycopy(buffer, pos, buffer, 0, length - pos);
        length -= pos;
    }

    /** Hands on every whole row of b[pos, limit), and notes the trailer; where the first incomplete row starts (limit when none). */
    private int frame(byte[] b, int pos, int limit, BulkCopy.RowConsumer rows) throws IOException {
        while (true) {
            int end = rowEnd(b, pos, limit);
            if (end < 0) {
                return pos;
            }
            if (end == pos + 2) { // the trailer: a field count of -1
                trailerRead = true;
                bytesAfterTrailer = end < limit;
                return limit;
            }
            rows.row(b, pos, end - pos);
            pos = end;
        }
    }

    @Override
    public boolean complete() {
        return trailerRead && !bytesAfterTrailer && length == 0;
    }

    /** Where the rows start, or -1 while the header is incomplete. */
    private int header() throws IOException {
        if (length < SIGNATURE.length + 8) {
            return -1;
        }
        if (!Arrays.equals(buffer, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new IOException("not PostgreSQL's binary COPY format (its signature is missing)");
        }
        int extension = intAt(buffer, SIGNATURE.length + 4);
        int start = SIGNATURE.length + 8 + extension;
        return extension < 0 ? failBadHeader() : length < start ? -1 : start;
    }

    private static int failBadHeader() throws IOException {
        throw new IOException("PostgreSQL's binary COPY header is damaged (negative extension length)");
    }

    /** The end of the row (or trailer) starting at {@code pos} in b[.., limit), or -1 when not all of it is there. */
    private static int rowEnd(byte[] b, int pos, int limit) throws IOException {
        if (limit - pos < 2) {
            return -1;
        }
        short fields = (short) (((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff));
        if (fields == -1) {
            return pos + 2;
        }
        if (fields < 0) {
            throw new IOException("damaged binary COPY data: a row with " + fields + " fields");
        }
        int at = pos + 2;
        for (int i = 0; i < fields; i++) {
            if (limit - at < 4) {
                return -1;
            }
            int size = intAt(b, at);
            at += 4;
            if (size < -1) {
                throw new IOException("damaged binary COPY data: a field of length " + size);
            }
            if (size > 0) {
                if (limit - at < size) {
                    return -1;
                }
                at += size;
            }
        }
        return at;
    }

    private static int intAt(byte[] b, int pos) {
        return ((b[pos] & 0xff) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
    }

    private void append(byte[] bytes, int offset, int count) {
        if (length + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
        }
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
    }
}
