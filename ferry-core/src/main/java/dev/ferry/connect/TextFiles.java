package dev.ferry.connect;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.text.Utf8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a configuration file (ferry.yaml, .env) as UTF-8 text: a byte-order mark (Windows editors
 * write one) is dropped, and a file in another encoding is named with the line of its first bad byte
 * rather than decoded into wrong characters or a decoder's "Input length = 1".
 */
public final class TextFiles {
    private TextFiles() {
    }

    /** The text of {@code file} ({@code what}: "the env file"); {@code missingHint} is the hint when it does not exist. */
    public static String readUtf8(Path file, String what, String missingHint) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new FerryException(ErrorCode.FILE_NOT_FOUND, what + " " + file + " does not exist", missingHint);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.CONFIG, "cannot read " + what + " " + file + ": " + e.getMessage(), "check that the file is readable", e);
        }
        return decode(file, bytes);
    }

    private static String decode(Path file, byte[] bytes) {
        return Utf8.decode(bytes, bad -> new FerryException(ErrorCode.CONFIG, file + " is not UTF-8 text: the byte" + bad.hex()
                + " on line " + bad.line() + " (offset " + bad.offset() + ") is not valid UTF-8",
                "save it as UTF-8, for example: iconv -f latin1 -t utf-8 " + file + " > " + file + ".utf8 && mv " + file + ".utf8 " + file));
    }
}
