package dev.ferry.connect;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The secrets one Ferry run knows (passwords from URLs, secret-looking values from the environment
 * and the env file), masked in any text handed to {@link #apply}. The CLI puts every byte of its
 * output through one of these, so a secret that slips into a driver's message is still not shown.
 *
 * <p>The rule, so that masking never corrupts output (a password {@code public} must not turn the
 * schema {@code "public"} of a diff into {@code "***"}):
 * <ul>
 *   <li><b>Secret positions are always masked</b>, whatever the value and whether or not it was
 *       registered: the password of any URL ({@code scheme://user:***@host}), the value of a
 *       secret-looking key written {@code key=value} ({@code password=}, {@code pwd=}, {@code secret=},
 *       {@code sslpassword=}, env lines such as {@code PGPASSWORD=} or {@code JWT_SECRET=}) and the
 *       value of such a key in JSON ({@code "password":"***"}).</li>
 *   <li><b>Any other secret of {@value #MIN_LENGTH_EVERYWHERE} characters or more is masked everywhere</b>,
 *       so that it stays hidden when a driver quotes it in a message of its own ({@code at or near
 *       "hunter2"}).</li>
 *   <li>A shorter secret, or one that is a {@link CommonWords common word} ({@code postgres},
 *       {@code public}, {@code select}, {@code Password1}), is masked only in secret positions:
 *       masking every occurrence of {@code select} or {@code public} would alter SQL and names, and
 *       hides nothing from anyone who can see that the password is such a word.</li>
 * </ul>
 * Result SQL written for the user (the script of {@code ferry diff}) bypasses the mask entirely and
 * stays byte-exact; it holds the schema, not the connection's secrets.
 *
 * <pre>{@code
 * SecretMask mask = new SecretMask();
 * mask.add("postgres");
 * mask.apply("postgres://postgres:postgres@db/postgres");   // postgres://postgres:***@db/postgres
 * }</pre>
 */
public final class SecretMask {
    /** Shorter secrets are masked in secret positions only. */
    static final int MIN_LENGTH_EVERYWHERE = 4;

    private final List<String> everywhere = new CopyOnWriteArrayList<>();

    /** Remembers a secret value; one that is not {@link #maskedEverywhere} is left to the secret positions. */
    public synchronized void add(String secret) {
        if (secret == null || !maskedEverywhere(secret) || everywhere.contains(secret)) {
            return;
        }
        List<String> sorted = new java.util.ArrayList<>(everywhere);
        sorted.add(secret);
        // Longest first, so a secret that contains another is masked whole.
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        everywhere.clear();
        everywhere.addAll(sorted);
    }

    /** Remembers the password of a URL. */
    public void add(DatabaseUrl url) {
        url.password().ifPresent(this::add);
    }

    /** Whether {@code secret} is masked wherever it appears, not only in secret positions. */
    static boolean maskedEverywhere(String secret) {
        String s = secret.strip();
        return s.length() >= MIN_LENGTH_EVERYWHERE && !CommonWords.isCommon(s);
    }

    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String out = Redaction.redactSecretPositions(text);
        for (String s : everywhere) {
            out = out.replace(s, Redaction.MASK);
        }
        return out;
    }
}
