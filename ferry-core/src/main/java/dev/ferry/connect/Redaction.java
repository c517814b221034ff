package dev.ferry.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure text redaction of secret positions: the password inside any URL-looking text, and the value
 * of a secret-looking key ({@code password=x}, {@code PGPASSWORD=x}, {@code "token":"x"}), become
 * {@code ***}, whatever the value is.
 */
public final class Redaction {
    public static final String MASK = "***";

    /** scheme://user:PASSWORD@ — the password runs to the last '@' before the path. */
    private static final Pattern USERINFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*://[^:/?#@\\s]*:)([^\\s/?#]*)(@)");
    /** ?password=... or &sslpassword=... in URLs and JDBC property strings. */
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)([?&;](?:password|sslpassword|pwd|passwd|secret|token)=)([^&;\\s\"']*)");

    /** What a key holding a secret is called (also inside longer names: PGPASSWORD, JWT_SECRET, sslpassword). */
    private static final String SECRET_KEY = "[A-Za-z0-9_.\\-]*(?:password|passwd|passphrase|pwd|secret|token|credential"
            + "|api_?key|private_?key|access_?key|auth_?key|(?<![A-Za-z])pass(?![A-Za-z]))[A-Za-z0-9_]*";
    /** What every {@link #SECRET_KEY}, {@link #SECRET_PARAM} and {@link #SQL_PASSWORD} key holds somewhere, lower-cased. */
    private static final List<String> KEY_WORDS = List.of("pass", "pwd", "secret", "token", "credential", "key", "identified");
    /** A value as written after a secret key: quoted (libpq conninfo, shell) or bare up to a separator. */
    private static final String VALUE = "(\"[^\"\\n]*\"|'[^'\\n]*'|[^\\s&;,\"'`]+)";
    /**
     * {@code key=value} with no spaces around '=': URL parameters, libpq conninfo, env lines, --password=x,
     * {@code PGPASSWORD="x"}. A SQL assignment ({@code SET password = 'x'}) has spaces and is left alone.
     */
    private static final Pattern SECRET_ASSIGNMENT = Pattern.compile("(?i)(?<![A-Za-z0-9_.\\-])(" + SECRET_KEY + "=)" + VALUE);
    /** {@code password: value} at the start of a line, as YAML and configuration dumps write it. */
    private static final Pattern SECRET_YAML = Pattern.compile("(?im)^(\\s*-?\\s*" + SECRET_KEY + "\\s*:[ \\t]*)" + VALUE);
    /** The literal of SQL that sets a password: {@code PASSWORD 'x'}, {@code IDENTIFIED BY 'x'} (a failing statement Ferry shows). */
    private static final Pattern SQL_PASSWORD = Pattern.compile(
            "(?i)(\\b(?:PASSWORD|IDENTIFIED(?:\\s+WITH\\s+\\S+)?\\s+BY(?:\\s+PASSWORD)?)\\s*\\(?\\s*)('(?:[^']|'')*')");
    /** {@code "password": "value"} (or a number) in JSON. */
    private static final Pattern SECRET_JSON = Pattern.compile("(?i)(\"" + SECRET_KEY + "\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9][0-9.eE+\\-]*)");

    private Redaction() {
    }

    /** The passwords that {@link #redactUrls} would mask in {@code text}. */
    public static List<String> secretsIn(String text) {
        List<String> found = new ArrayList<>();
        USERINFO.matcher(text).results().map(m -> m.group(2)).forEach(found::add);
        SECRET_PARAM.matcher(text).results().map(m -> m.group(2)).forEach(found::add);
        SECRET_ASSIGNMENT.matcher(text).results().map(m -> unquoted(m.group(2))).forEach(found::add);
        return found.stream().distinct().toList();
    }

    private static String unquoted(String value) {
        char first = value.charAt(0);
        return (first == '"' || first == '\'') && value.length() >= 2 ? value.substring(1, value.length() - 1) : value;
    }

    /** Masks every secret position in {@code text}: URL passwords and the values of secret-looking keys. */
    public static String redactSecretPositions(String text) {
        if (text == null || !mayHoldSecretPosition(text)) {
            return text;
        }
        String out = redactUrls(text);
        out = SECRET_ASSIGNMENT.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + quotedMask(m.group(2))));
        out = SECRET_YAML.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + quotedMask(m.group(2))));
        out = SQL_PASSWORD.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "'" + MASK + "'"));
        // a number becomes the string "***", so that JSON stays JSON
        return SECRET_JSON.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "\"" + MASK + "\""));
    }

    /** The mask, inside the value's own quotes when it had some ({@code "***"}), so the text keeps its shape. */
    private static String quotedMask(String value) {
        char first = value.charAt(0);
        return first == '"' || first == '\'' ? first + MASK + first : MASK;
    }

    /**
     * Whether {@code text} has a URL or a word a secret key is made of: every line Ferry prints
     * passes through here, and most (a status table of a thousand migrations) have neither, so the
     * patterns need not run on them.
     */
    static boolean mayHoldSecretPosition(String text) {
        if (text.contains("://")) {
            return true;
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (String word : KEY_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** Masks the password of every URL found in {@code text}. */
    public static String redactUrls(String text) {
        if (text == null) {
            return null;
        }
        String out = USERINFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
        return SECRET_PARAM.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }
}
