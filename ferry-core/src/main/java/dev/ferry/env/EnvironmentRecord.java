package dev.ferry.env;

import java.time.Instant;

/**
 * One environment of ferry.yaml as a database remembers it in {@code ferry_environment}: its name,
 * whether it was marked {@code shared: true} then, when it first and last wrote, and from which host.
 */
public record EnvironmentRecord(String name, boolean shared, Instant firstSeen, Instant lastSeen, String host) {

    /** The same environment seen again now, from {@code host}, with its shared flag as ferry.yaml says today. */
    EnvironmentRecord seenAgain(boolean sharedNow, Instant now, String hostNow) {
        return new EnvironmentRecord(name, sharedNow, firstSeen, now, hostNow);
    }

    /** Whether {@code other} may write here while this one is recorded: the same name, or both shared. */
    boolean admits(Claimant other) {
        return name.equals(other.name()) || (shared && other.shared());
    }
}
