package dev.ferry.secrets;

import dev.ferry.connect.EnvFile;
import dev.ferry.connect.SecretMask;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.secrets.SecretsComparison.KeyComparison;
import dev.ferry.secrets.SecretsComparison.Side;
import dev.ferry.secrets.SecretsComparison.State;
import dev.ferry.secrets.SecretsCopy.Action;
import dev.ferry.secrets.SecretsCopy.KeyCopy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The app's secrets in env files (NEXTAUTH_SECRET, JWT_SECRET…): compared by fingerprint, and copied
 * from the env file of the database's source server into the target's: a restored database logs
 * nobody in when the app's secrets were taken from the wrong server. No value ever leaves this
 * package: results hold key names and fingerprints, errors name keys, files, lines and columns.
 *
 * <p>A fingerprint is HMAC-SHA256 of the value under a random 32-byte key kept in
 * {@code KEY_DIRECTORY/fingerprint.key} (the workspace's {@code .ferry/}; created 0600 when missing),
 * cut to 8 hex characters; a short secret cannot be guessed from it by hashing candidates without
 * that key. The key stays, so the same value has the same fingerprint in every run on that machine;
 * fingerprints made under another key (another machine, a deleted key file) do not compare.
 *
 * <pre>{@code
 * Secrets secrets = new Secrets(workspace.resolve(".ferry"), mask);
 * SecretsComparison c = secrets.compare(Path.of("old/.env"), Path.of(".env"), List.of("NEXTAUTH_SECRET", "JWT_SECRET"));
 * if (!c.allSame()) {
 *     SecretsCopy done = secrets.copy(Path.of("old/.env"), Path.of(".env"), List.of("NEXTAUTH_SECRET", "JWT_SECRET"));
 * }
 * }</pre>
 */
public final class Secrets {
    private final Fingerprints fingerprints;
    private final SecretMask mask;

    /** {@code keyDirectory} holds {@code fingerprint.key} (the workspace's {@code .ferry}); tests pass a temporary directory. */
    public Secrets(Path keyDirectory) {
        this(keyDirectory, new SecretMask());
    }

    /** Every value read is also registered with {@code mask}, so that output masked by it cannot show one even by mistake. */
    public Secrets(Path keyDirectory, SecretMask mask) {
        this.fingerprints = new Fingerprints(keyDirectory);
        this.mask = mask;
    }

    /** The file the fingerprints are keyed with. */
    public Path fingerprintKey() {
        return fingerprints.keyFile();
    }

    /**
     * Compares {@code keys} between two env files; with no keys, every key of either file (a's order,
     * then b's). A key named that neither file holds is reported missing in both, not refused.
     *
     * @throws FerryException (exit 2) when a file does not exist or has a line that is not KEY=value
     */
    public SecretsComparison compare(Path a, Path b, List<String> keys) {
        Map<String, String> left = load(a, "the env file");
        Map<String, String> right = load(b, "the env file");
        Set<String> names = new LinkedHashSet<>(cleaned(keys));
        if (names.isEmpty()) {
            names.addAll(left.keySet());
            names.addAll(right.keySet());
        }
        List<KeyComparison> rows = names.stream().map(k -> compare(k, left.get(k), right.get(k))).toList();
        return new SecretsComparison(a.toString(), b.toString(), fingerprints.keyFile().toString(), rows);
    }

    private KeyComparison compare(String key, String a, String b) {
        String fa = a == null ? null : fingerprints.of(a);
        String fb = b == null ? null : fingerprints.of(b);
        if (a == null || b == null) {
            Side side = a == null && b == null ? Side.BOTH : a == null ? Side.A : Side.B;
            return new KeyComparison(key, State.MISSING, side, fa, fb);
        }
        return new KeyComparison(key, a.equals(b) ? State.SAME : State.DIFFERENT, null, fa, fb);
    }

    /**
     * Sets {@code keys} in {@code to} to their values in {@code from}, as the cutover plan's
     * {@code secrets} step does. Each line of {@code to} that sets a key gets the new value in place
     * (its {@code export}, spacing and trailing comment kept); a key {@code to} lacks is appended;
     * every other line, comment and the order stay byte for byte. The file is replaced atomically,
     * keeps its mode, owner and group, and its old content is kept beside it
     * ({@code .env.ferry-backup-<UTC>}, named in the result); a {@code to} that does not exist is
     * created 0600. When every key already holds the source's value nothing is written, so running
     * the step again is harmless.
     *
     * <p>Keys must be named: copying every key would also carry the old server's DATABASE_URL.
     *
     * @throws FerryException before anything is written: no keys (exit 2), a key {@code from} lacks
     *                        (exit 2, naming the keys), a missing or malformed file (exit 2)
     */
    public SecretsCopy copy(Path from, Path to, List<String> keys) {
        List<String> names = cleaned(keys);
        if (names.isEmpty()) {
            throw new FerryException(ErrorCode.USAGE, "no keys named to copy from " + from + " to " + to,
                    "name them, as a plan step does: secrets: { source: " + from + ", target: " + to + ", keys: [NEXTAUTH_SECRET, JWT_SECRET] }");
        }
        Map<String, String> source = load(from, "the source env file");
        requireAll(names, source, from, to);
        Map<String, String> encoded = encodeAll(names, source, from);
        TargetEnvFile target = TargetEnvFile.read(to, this);
        EnvLines lines = new EnvLines(target.text());
        List<KeyCopy> done = new ArrayList<>();
        for (String key : names) {
            String value = source.get(key);
            done.add(new KeyCopy(key, apply(lines, key, value, encoded.get(key), target.values()), fingerprints.of(value)));
        }
        SecretsCopy unchanged = new SecretsCopy(from.toString(), to.toString(), done, null, false);
        if (!unchanged.changed()) {
            return unchanged;
        }
        Map<String, String> expected = new LinkedHashMap<>(target.values());
        names.forEach(k -> expected.put(k, source.get(k)));
        Path backup = target.write(lines.text(), expected);
        return new SecretsCopy(from.toString(), to.toString(), done, backup == null ? null : backup.toString(), !target.exists());
    }

    private static Action apply(EnvLines lines, String key, String value, String encoded, Map<String, String> current) {
        if (value.equals(current.get(key))) {
            return Action.ALREADY_SAME;
        }
        if (lines.replace(key, encoded)) {
            return Action.REPLACED;
        }
        lines.append(key, encoded);
        return Action.APPENDED;
    }

    private static void requireAll(List<String> names, Map<String, String> source, Path from, Path to) {
        List<String> missing = names.stream().filter(k -> !source.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            throw new FerryException(ErrorCode.CONFIG, from + " does not set " + String.join(", ", missing) + "; nothing was written to " + to,
                    "check that " + from + " is the env file of the database's source server, or leave " + (missing.size() == 1 ? "that key" : "those keys")
                            + " out of the keys to copy");
        }
    }

    private static Map<String, String> encodeAll(List<String> names, Map<String, String> source, Path from) {
        Map<String, String> encoded = new LinkedHashMap<>();
        for (String key : names) {
            encoded.put(key, EnvValues.encode(source.get(key)).orElseThrow(() -> new FerryException(ErrorCode.CONFIG,
                    "the value of " + key + " in " + from + " cannot be written to an env file so that it reads back the same"
                            + " (it holds a carriage return, or a line break with a double quote or \\n, or both quote kinds with spaces or \" #\");"
                            + " nothing was written", "copy that key by hand")));
        }
        return encoded;
    }

    /** The values of an env file, each registered with the mask; a missing file is named with a hint for this command. */
    Map<String, String> load(Path file, String what) {
        if (!Files.exists(file)) {
            throw new FerryException(ErrorCode.FILE_NOT_FOUND, what + " " + file + " does not exist", "check the path: env files are read as given,"
                    + " relative to the working directory");
        }
        Map<String, String> values = EnvFile.load(file);
        values.values().forEach(mask::add);
        return values;
    }

    private static List<String> cleaned(List<String> keys) {
        return keys.stream().map(String::strip).filter(k -> !k.isEmpty()).distinct().toList();
    }
}
