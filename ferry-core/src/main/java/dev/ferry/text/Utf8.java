package dev.ferry.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Strict UTF-8 for files people write (migrations, ferry.yaml, .env): a byte-order mark (Windows
 * editors write one) is dropped, and bytes that are not UTF-8 are reported with where the first
 * one is, rather than decoded into wrong characters or a decoder's "Input length = 1".
 */
public final class Utf8 {
    private Utf8() {
    }

    /**
     * Where the first byte that is not UTF-8 is.
     *
     * @param offset from the start of the file (a byte-order mark counts)
     * @param value  the byte, 0–255 (the first of a character the file ends inside)
     * @param line   1-based
     */
    public record BadByte(int offset, int value, int line) {
        /** "0xE9". */
        public String hex() {
            return String.format("0x%02X", value);
        }
    }

    /** The text of {@code bytes} without a leading byte-order mark; {@code notUtf8} makes the error for the first bad byte. */
    public static String decode(byte[] bytes, Function<BadByte, ? extends RuntimeException> notUtf8) {
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position(); // the start of the bad sequence, inside the array
            throw notUtf8.apply(new BadByte(offset, bytes[offset] & 0xFF, lineOf(bytes, offset)));
        }
        return out.flip().toString();
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
