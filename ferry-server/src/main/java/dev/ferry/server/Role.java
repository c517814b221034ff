package dev.ferry.server;

import java.util.Locale;
import java.util.Optional;

/** What an API key may do: {@code read} status and lists, or {@code run} anything that changes a database. */
public enum Role {
    READ,
    RUN;

    /** A run key may also read; a read key may not run. */
    public boolean allows(Role required) {
        return this == RUN || required == READ;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Role> named(String text) {
        for (Role role : values()) {
            if (role.label().equals(text)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
