package dev.ferry.connect;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a configuration file (ferry.yaml, .env) as UTF-8 text: a byte-order mark (Windows editors
 * write one) is dropped, and a file in another encoding is named with the line of its first bad byte
 * rather than decoded into wrong characters or a decoder's "Input length = 1".
 */
final class TextFiles {
    private static final char BOM = '\uFEFF';

    private TextFiles() {
    }

    /** The text of {@code file} ({@code what}: "the env file"); {@code missingHint} is the hint when it does not exist. */
    static String readUtf8(Path file, String what, String missingHint) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new FerryException(ErrorCode.FILE_NOT_FOUND, what + " " + file + " does not exist", missingHint);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.CONFIG, "cannot read " + what + " " + file + ": " + e.getMessage(), "check that the file is readable", e);
        }
        String text = decode(file, bytes);
        return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
    }

    private static String decode(Path file, byte[] bytes) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        if (utf8.decode(in, out, true).isError()) {
            int bad = in.position();
            throw new FerryException(ErrorCode.CONFIG, file + " is not UTF-8 text: the byte 0x"
                    + String.format("%02X", bytes[bad] & 0xff) + " on line " + lineOf(bytes, bad) + " is not valid UTF-8",
                    "save it as UTF-8, for example: iconv -f latin1 -t utf-8 " + file + " > " + file + ".utf8 && mv " + file + ".utf8 " + file);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException impossible) {
            throw new IllegalStateException(impossible);
        }
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
