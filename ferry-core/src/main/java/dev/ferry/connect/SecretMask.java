package dev.ferry.connect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
 *   <li><b>Any other secret of {@value #MIN_LENGTH_EVERYWHERE} characters or more is masked everywhere</b>
 *       it stands as a whole token (not inside a longer word or number), so that it stays hidden
 *       when a driver quotes it in a message of its own ({@code at or near "hunter2"}).</li>
 *   <li>A shorter secret, one of digits only, or one that is a {@link CommonWords common word} ({@code postgres},
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
    static final int MIN_LENGTH_EVERYWHERE = 6;

    private final List<String> everywhere = new ArrayList<>();
    /** The secrets of {@link #everywhere} as whole tokens, longest first; null when there are none. */
    private volatile Pattern tokens;

    /** Remembers a secret value; one that is not {@link #maskedEverywhere} is left to the secret positions. */
    public synchronized void add(String secret) {
        if (secret == null || !maskedEverywhere(secret) || everywhere.contains(secret)) {
            return;
        }
        everywhere.add(secret);
        // Longest first, so a secret that contains another is masked whole.
        everywhere.sort(Comparator.comparingInt(String::length).reversed());
        // Whole tokens only: a password 123456 must not turn the row count 1234567 into ***7.
        tokens = Pattern.compile("(?<![A-Za-z0-9])(?:" + everywhere.stream().map(Pattern::quote).collect(Collectors.joining("|"))
                + ")(?![A-Za-z0-9])");
    }

    /** Remembers the password of a URL. */
    public void add(DatabaseUrl url) {
        url.password().ifPresent(this::add);
    }

    /** Whether {@code secret} is masked wherever it appears, not only in secret positions. */
    static boolean maskedEverywhere(String secret) {
        String s = secret.strip();
        return s.length() >= MIN_LENGTH_EVERYWHERE && !s.chars().allMatch(Character::isDigit) && !CommonWords.isCommon(s);
    }

    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String out = Redaction.redactSecretPositions(text);
        Pattern secrets = tokens;
        return secrets == null ? out : secrets.matcher(out).replaceAll(Matcher.quoteReplacement(Redaction.MASK));
    }
}
