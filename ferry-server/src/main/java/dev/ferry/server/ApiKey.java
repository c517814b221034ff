package dev.ferry.server;

import java.security.MessageDigest;

/**
 * One key the server accepts: its name (what the log shows), its role, and the SHA-256 of the key
 * (the key itself is never kept, so it cannot leak from here).
 */
public record ApiKey(String name, Role role, byte[] sha256) {

    /** Constant time: as long for a key that differs in its first byte as for one that differs in its last. */
    boolean matches(byte[] presentedSha256) {
        return MessageDigest.isEqual(sha256, presentedSha256);
    }
}
