package dev.ferry.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pure text redaction: passwords inside any URL-looking text become {@code ***}. */
public final class Redaction {
    public static final String MASK = "***";

    /** scheme://user:PASSWORD@ — the password runs to the last '@' before the path. */
    private static final Pattern USERINFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*://[^:/?#@\\s]*:)([^\\s/?#]*)(@)");
    /** ?password=... or &sslpassword=... in URLs and JDBC property strings. */
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)([?&;](?:password|sslpassword|pwd|passwd|secret|token)=)([^&;\\s\"']*)");

    private Redaction() {
    }

    /** The passwords that {@link #redactUrls} would mask in {@code text}. */
    public static List<String> secretsIn(String text) {
        List<String> found = new ArrayList<>();
        USERINFO.matcher(text).results().map(m -> m.group(2)).forEach(found::add);
        SECRET_PARAM.matcher(text).results().map(m -> m.group(2)).forEach(found::add);
        return found;
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
