package dev.ferry.migrate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Migration checksums: SHA-256 of the content with line endings normalised to LF and a leading
 * byte-order mark removed, so a CRLF checkout of the same file is not an "edit".
 */
public final class Checksums {
    /** Stored beside each checksum so the algorithm can change without invalidating history. */
    public static final int VERSION = 1;

    private Checksums() {
    }

    public static String of(String content) {
        String normalised = normalise(content);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static String normalise(String content) {
        String s = content.startsWith("\uFEFF") ? content.substring(1) : content;
        return s.replace("\r\n", "\n").replace('\r', '\n');
    }
}
