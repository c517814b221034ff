package dev.ferry.secrets;

import java.util.List;

/**
 * What {@code ferry secrets compare} found: per key, same, different or missing, with the fingerprint
 * of each side. It holds no value, so it may be printed, logged and written to a report as it is.
 *
 * @param a              the first env file, as given
 * @param b              the second env file, as given
 * @param fingerprintKey the key file the fingerprints were made with: fingerprints compare only with
 *                       others made under the same key
 * @param keys           one entry per compared key, in the order asked (or file a's order, then b's)
 */
public record SecretsComparison(String a, String b, String fingerprintKey, List<KeyComparison> keys) {

    public SecretsComparison {
        keys = List.copyOf(keys);
    }

    /** Whether every compared key is set, to the same value, in both files (true when no key was compared). */
    public boolean allSame() {
        return keys.stream().allMatch(k -> k.state() == State.SAME);
    }

    public long count(State state) {
        return keys.stream().filter(k -> k.state() == state).count();
    }

    /** Same, different, or missing from one file or both. */
    public enum State { SAME, DIFFERENT, MISSING }

    /** Where a missing key is missing. */
    public enum Side { A, B, BOTH }

    /**
     * One key.
     *
     * @param missingIn    for {@link State#MISSING}: the file(s) without it; null otherwise
     * @param fingerprintA the value's fingerprint in file a; null when a lacks the key
     * @param fingerprintB the value's fingerprint in file b; null when b lacks the key
     */
    public record KeyComparison(String key, State state, Side missingIn, String fingerprintA, String fingerprintB) {
    }
}
