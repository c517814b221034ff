package dev.ferry.secrets;

import java.util.List;

/**
 * What copying secrets from one env file into another did: per key, replaced in place, appended, or
 * left because it was already the same. It holds no value, only fingerprints.
 *
 * @param from    the source env file, as given
 * @param to      the target env file, as given
 * @param keys    one entry per key, in the order asked
 * @param backup  the copy of the target as it was before (beside it, {@code .env.ferry-backup-<UTC>});
 *                null when the target was created or nothing had to change
 * @param created whether the target did not exist and was created (0600)
 */
public record SecretsCopy(String from, String to, List<KeyCopy> keys, String backup, boolean created) {

    public SecretsCopy {
        keys = List.copyOf(keys);
    }

    /** Whether the target was written: false when every key already held the source's value. */
    public boolean changed() {
        return keys.stream().anyMatch(k -> k.action() != Action.ALREADY_SAME);
    }

    /** What happened to one key in the target. */
    public enum Action {
        /** The target set it to another value; each line that set it now holds the source's value. */
        REPLACED,
        /** The target lacked it; added as the last line. */
        APPENDED,
        /** The target already held the source's value; untouched. */
        ALREADY_SAME
    }

    /** One key, with the fingerprint of the value it now has in the target (the source's). */
    public record KeyCopy(String key, Action action, String fingerprint) {
    }
}
