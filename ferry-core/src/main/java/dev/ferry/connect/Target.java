package dev.ferry.connect;

import java.util.Optional;

/**
 * The database a command works on, and where its URL came from (for messages such as
 * "using DATABASE_URL: postgres://app:***@db/shop").
 *
 * @param environment the environment of ferry.yaml it belongs to: named by the user, or (for a
 *                    protected one) recognised by its URL
 * @param isShared    the environment is marked {@code shared: true}
 */
public record Target(DatabaseUrl url, String source, Optional<String> environment, boolean isProtected, boolean isShared) {
    private static final String ENVIRONMENT = "environment ";

    public Target(DatabaseUrl url, String source, Optional<String> environment, boolean isProtected) {
        this(url, source, environment, isProtected, false);
    }

    /** The {@link #source} of a database chosen by an environment's name. */
    static String environmentSource(String name) {
        return ENVIRONMENT + name;
    }

    /**
     * The environment the user named ({@code --env NAME}, or {@code --from}/{@code --to NAME}); empty
     * for a URL, also one whose database ferry.yaml knows: a bare URL speaks for no environment.
     */
    public Optional<String> namedEnvironment() {
        return environment.filter(name -> source.equals(environmentSource(name)));
    }
}
