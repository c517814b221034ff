package dev.ferry.migrate;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A migration file's bytes as text: strict UTF-8, without a byte-order mark. */
final class SqlText {
    private SqlText() {
    }

    /**
     * The text of {@code bytes}. A UTF-8 byte-order mark is dropped here, before the checksum is
     * taken, so an editor that adds one does not turn an applied file into an "edit" and the
     * invisible character never reaches a statement or an error message. Bytes that are not
     * UTF-8 are a usage error naming the file and where the first bad byte is.
     */
    static String decode(byte[] bytes, String file) {
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
            throw notUtf8(bytes, in.position(), file);
        }
        return out.flip().toString();
    }

    private static FerryException notUtf8(byte[] bytes, int offset, String file) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        String bad = offset < bytes.length ? String.format(" (0x%02X)", bytes[offset] & 0xFF) : "";
        return new FerryException(ErrorCode.USAGE, file + " is not UTF-8: the first bad byte" + bad + " is at offset " + offset + ", line " + line,
                "save " + file + " as UTF-8 (it was probably written as Latin-1 or Windows-1252), then run the command again");
    }
}
