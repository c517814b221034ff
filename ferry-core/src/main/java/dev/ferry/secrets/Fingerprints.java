package dev.ferry.secrets;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Fingerprints of secret values: the first 8 hex characters of HMAC-SHA256 under a random 32-byte key
 * kept in the workspace ({@code .ferry/fingerprint.key}, 0600), never in either env file. A plain hash
 * of a short secret could be reversed by hashing candidates; without the key it cannot. The key is made
 * on first use and then kept, so the same value has the same fingerprint in every run on this machine
 * and a different one under another workspace's key.
 */
final class Fingerprints {
    static final String KEY_FILE = "fingerprint.key";
    private static final int KEY_BYTES = 32;
    private static final String HMAC = "HmacSHA256";

    private final Path keyFile;
    private SecretKeySpec key;

    Fingerprints(Path keyDirectory) {
        this.keyFile = keyDirectory.resolve(KEY_FILE);
    }

    Path keyFile() {
        return keyFile;
    }

    /** The fingerprint of {@code value}: 8 lowercase hex characters. */
    String of(String value) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key());
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + HMAC, e);
        }
    }

    private SecretKeySpec key() {
        if (key == null) {
            if (!Files.exists(keyFile)) {
                create();
            }
            key = new SecretKeySpec(read(), HMAC);
        }
        return key;
    }

    private byte[] read() {
        try {
            byte[] bytes = Files.readAllBytes(keyFile);
            if (bytes.length != KEY_BYTES) {
                throw new FerryException(ErrorCode.CONFIG, "the fingerprint key " + keyFile + " holds " + bytes.length + " bytes, not " + KEY_BYTES,
                        "delete it and Ferry makes a new one (fingerprints shown before then no longer compare with new ones)");
            }
            return bytes;
        } catch (IOException e) {
            throw new FerryException(ErrorCode.CONFIG, "cannot read the fingerprint key " + keyFile + ": " + e.getMessage(),
                    "make it readable, or delete it and Ferry makes a new one", e);
        }
    }

    /**
     * Writes a fresh key whole (a 0600 temporary file, forced to disk) and links it into place, so that
     * two runs starting at once both end up with the one that was linked first.
     */
    private void create() {
        Path dir = keyFile.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, ".fingerprint-", ".key.part", Permissions.ownerOnly(dir));
            try {
                byte[] fresh = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(fresh);
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(fresh));
                    channel.force(true);
                }
                Files.createLink(keyFile, temporary);
            } catch (FileAlreadyExistsException anotherRunWasFirst) {
                // its key is the workspace's key from now on; this one is dropped below
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new FerryException(ErrorCode.CONFIG, "cannot create the fingerprint key " + keyFile + ": " + e.getMessage(),
                    "make " + dir + " writable, or run ferry from the workspace directory");
        }
    }
}
