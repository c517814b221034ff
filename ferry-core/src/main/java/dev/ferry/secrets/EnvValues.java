package dev.ferry.secrets;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a value is written after {@code KEY=} so that {@link dev.ferry.connect.EnvFile} (and dotenv,
 * Docker Compose) read back exactly that value. Quotes only when needed: bare for the characters
 * of keys, tokens, base64 and URLs; single quotes (taken literally by every reader, no {@code $}
 * expansion) for anything else on one line; double quotes with {@code \n} for a value with line
 * breaks. A value that no form carries unchanged (a carriage return, or both quote kinds with
 * spaces around) is refused by the caller, naming its key.
 */
final class EnvValues {
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_\\-./:@%+=,~]+");

    private EnvValues() {
    }

    /** The value as written after {@code KEY=}, or empty when no form reads back as {@code value}. */
    static Optional<String> encode(String value) {
        if (value.indexOf('\r') >= 0) {
            return Optional.empty();
        }
        if (value.indexOf('\n') >= 0) {
            return doubleQuotable(value) ? Optional.of('"' + value.replace("\n", "\\n") + '"') : Optional.empty();
        }
        if (BARE.matcher(value).matches()) {
            return Optional.of(value);
        }
        if (value.indexOf('\'') < 0) {
            return Optional.of("'" + value + "'");
        }
        if (doubleQuotable(value)) {
            return Optional.of('"' + value + '"');
        }
        return bareAsRead(value) ? Optional.of(value) : Optional.empty();
    }

    /** The reader ends a double-quoted value at the first {@code "} and turns every {@code \n} into a line break. */
    private static boolean doubleQuotable(String value) {
        return value.indexOf('"') < 0 && !value.contains("\\n");
    }

    /** A bare value is read up to {@code " #"}, stripped, and taken as quoted when it starts with a quote. */
    private static boolean bareAsRead(String value) {
        return !value.isEmpty() && value.equals(value.strip()) && !value.contains(" #")
                && value.charAt(0) != '\'' && value.charAt(0) != '"';
    }
}
