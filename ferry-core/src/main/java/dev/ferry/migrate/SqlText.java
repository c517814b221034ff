package dev.ferry.migrate;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.text.Utf8;

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
        return Utf8.decode(bytes, bad -> new FerryException(ErrorCode.USAGE,
                file + " is not UTF-8: the first bad byte" + bad.hex() + " is at offset " + bad.offset() + ", line " + bad.line(),
                "save " + file + " as UTF-8 (it was probably written as Latin-1 or Windows-1252), then run the command again"));
    }
}
