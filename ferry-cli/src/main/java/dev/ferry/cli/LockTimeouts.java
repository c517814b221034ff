package dev.ferry.cli;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

/** --lock-timeout, as the commands that take a database's lock read it. */
final class LockTimeouts {
    /** A day: longer waits are a mistake, and far larger values overflow the deadline's arithmetic. */
    private static final long MAX_SECONDS = 86_400;

    private LockTimeouts() {
    }

    /** Refuses a wait below 0 or above a day; {@code holder} says whom the command waits for. */
    static void check(long seconds, String holder) {
        if (seconds < 0 || seconds > MAX_SECONDS) {
            throw new FerryException(ErrorCode.USAGE, "--lock-timeout must be from 0 to " + MAX_SECONDS + " seconds (one day), not " + seconds,
                    "--lock-timeout 60 waits a minute for " + holder + " to finish");
        }
    }
}
