package dev.ferry.stream;

import dev.ferry.spi.BulkCopy;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

import java.io.IOException;
import java.util.HexFormat;

/**
 * Counts and hashes the rows of one binary stream as its bytes pass, with no second read: each row
 * is hashed with XXH64 and the hashes are added (modulo 2^64), so the order of the rows does not
 * matter but every row, and how many times it appears, does.
 */
public final class RowChecksum {
    private static final XXHash64 HASH = XXHashFactory.fastestJavaInstance().hash64(); // a JNI call per row of a few hundred bytes costs more than hashing them in Java
    private final BulkCopy.RowFramer framer;
    private long rows;
    private long bytes;
    private long sum;

    public RowChecksum(BulkCopy.RowFramer framer) {
        this.framer = framer;
    }

    public void update(byte[] b, int off, int len) throws IOException {
        bytes += len;
        framer.feed(b, off, len, (row, o, l) -> {
            rows++;
            sum += HASH.hash(row, o, l, 0);
        });
    }

    /** The count so far; {@code complete} says whether the stream ended where its format ends. */
    public StreamCount count() {
        return new StreamCount(rows, bytes, HexFormat.of().toHexDigits(sum));
    }

    /** The rows framed so far. */
    public long rows() {
        return rows;
    }

    public boolean complete() {
        return framer.complete();
    }
}
