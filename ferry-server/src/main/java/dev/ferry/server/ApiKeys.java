package dev.ferry.server;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The keys {@code ferry serve} accepts, from {@code FERRY_API_KEYS="ops:run:KEY1,viewer:read:KEY2"}
 * (name, role, key) or from a keys file holding the same entries with each key replaced by its
 * SHA-256 hex ({@code ferry serve --hash-key} prints one), so the file gives nothing away if read.
 * Never from ferry.yaml: that file sits in git. A bad entry is reported by its position and name,
 * never by its text, which may be the key.
 */
public final class ApiKeys {
    /** Short keys can be guessed; 16 characters of a random key are far past that. */
    static final int MIN_KEY_LENGTH = 16;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final List<ApiKey> keys;

    private ApiKeys(List<ApiKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** From the value of FERRY_API_KEYS: comma-separated {@code name:role:key}. */
    public static ApiKeys fromEnvironment(String value) {
        return parse(List.of(value.split(",", -1)), "FERRY_API_KEYS", false);
    }

    /** From a keys file: one {@code name:role:sha256hex} a line (or comma-separated); blank lines and # comments skipped. */
    public static ApiKeys fromFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException missing) {
            throw new FerryException(ErrorCode.FILE_NOT_FOUND, "the keys file " + file + " does not exist",
                    "create it with one NAME:ROLE:SHA256 a line; ferry serve --hash-key KEY prints the hash");
        } catch (IOException unreadable) {
            throw new FerryException(ErrorCode.CONFIG, "cannot read the keys file " + file + ": " + unreadable.getMessage());
        }
        List<String> entries = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                entries.addAll(List.of(trimmed.split(",", -1)));
            }
        }
        return parse(entries, "the keys file " + file, true);
    }

    private static ApiKeys parse(List<String> entries, String source, boolean hashed) {
        List<ApiKey> keys = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            ApiKey key = entry(entries.get(i).strip(), i + 1, source, hashed);
            if (!names.add(key.name())) {
                throw bad(source, i + 1, key.name(), "repeats the name " + key.name() + ": each key needs its own name, the one the log shows");
            }
            keys.add(key);
        }
        if (keys.isEmpty()) {
            throw new FerryException(ErrorCode.CONFIG, source + " holds no key", "give at least one NAME:ROLE:KEY, e.g. viewer:read:…");
        }
        return new ApiKeys(keys);
    }

    private static ApiKey entry(String entry, int position, String source, boolean hashed) {
        String[] parts = entry.split(":", 3);
        if (parts.length != 3) {
            // No name to show: the entry may be a bare key, and its text is never printed.
            throw bad(source, position, null, "is not NAME:ROLE:" + (hashed ? "SHA256" : "KEY"));
        }
        String name = parts[0].strip();
        if (!NAME.matcher(name).matches()) {
            throw bad(source, position, null, "has no valid name: letters, digits, '.', '_' or '-', up to 64");
        }
        Role role = Role.named(parts[1].strip()).orElseThrow(() -> bad(source, position, name, "has a role that is neither read nor run"));
        String secret = parts[2].strip();
        if (hashed) {
            if (!SHA256_HEX.matcher(secret).matches()) {
                throw bad(source, position, name, "does not hold a SHA-256 hex of 64 characters (a keys file keeps hashes, not keys)");
            }
            return new ApiKey(name, role, HexFormat.of().parseHex(secret));
        }
        if (secret.length() < MIN_KEY_LENGTH) {
            throw bad(source, position, name, "has a key shorter than " + MIN_KEY_LENGTH + " characters");
        }
        return new ApiKey(name, role, sha256(secret));
    }

    private static FerryException bad(String source, int position, String name, String problem) {
        String which = "entry " + position + (name == null ? "" : " (" + name + ")");
        String hint = source.startsWith("FERRY")
                ? "write each entry as NAME:ROLE:KEY with ROLE read or run, e.g. viewer:read:…"
                : "write each line as NAME:ROLE:SHA256 with ROLE read or run; ferry serve --hash-key KEY prints the SHA256";
        return new FerryException(ErrorCode.CONFIG, which + " of " + source + " " + problem, hint);
    }

    /** The key that the presented one is, if any; every key is compared, in constant time each. */
    public Optional<ApiKey> find(String presented) {
        byte[] hash = sha256(presented);
        ApiKey found = null;
        for (ApiKey key : keys) {
            if (key.matches(hash) && found == null) {
                found = key;
            }
        }
        return Optional.ofNullable(found);
    }

    public List<ApiKey> all() {
        return keys;
    }

    /** The SHA-256 of a key in hex, as a keys file holds it. */
    public static String hashHex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java has SHA-256", impossible);
        }
    }
}
