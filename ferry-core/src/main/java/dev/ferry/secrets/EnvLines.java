package dev.ferry.secrets;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of an env file as written, each with its own line ending, so that a value can be changed
 * in place and every other byte (comments, blank lines, order, {@code export}, spacing, CRLF) kept.
 * A line is read as {@link dev.ferry.connect.EnvFile} reads it; the file has been loaded by it first,
 * so every line here is one it accepts.
 */
final class EnvLines {
    private final List<String> lines = new ArrayList<>();
    private final List<String> endings = new ArrayList<>();
    private final String newline;

    EnvLines(String text) {
        int start = 0;
        while (start < text.length()) {
            int end = start;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            int next = end < text.length() ? end + (text.startsWith("\r\n", end) ? 2 : 1) : end;
            lines.add(text.substring(start, end));
            endings.add(text.substring(end, next));
            start = next;
        }
        newline = endings.stream().filter(e -> !e.isEmpty()).findFirst().orElse("\n");
    }

    /** Writes {@code encoded} as the value of every line that sets {@code key}; whether there was one. */
    boolean replace(String key, String encoded) {
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            if (key.equals(keyOf(lines.get(i)))) {
                lines.set(i, withValue(lines.get(i), encoded));
                found = true;
            }
        }
        return found;
    }

    /** Adds {@code KEY=encoded} as the last line, in the file's own line ending. */
    void append(String key, String encoded) {
        int last = lines.size() - 1;
        if (last >= 0 && endings.get(last).isEmpty()) {
            endings.set(last, newline);
        }
        lines.add(key + "=" + encoded);
        endings.add(newline);
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            sb.append(lines.get(i)).append(endings.get(i));
        }
        return sb.toString();
    }

    /** The key a line sets, as EnvFile reads it; null for a blank line or a comment. */
    static String keyOf(String raw) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
            return null;
        }
        if (line.startsWith("export ")) {
            line = line.substring("export ".length()).stripLeading();
        }
        int eq = line.indexOf('=');
        return eq <= 0 ? null : line.substring(0, eq).strip();
    }

    /** The line with a new value: indentation, {@code export}, the key and the spaces after {@code =} kept, and a trailing comment too. */
    private static String withValue(String raw, String encoded) {
        int eq = raw.indexOf('=');
        String old = raw.substring(eq + 1);
        String spaces = old.substring(0, old.length() - old.stripLeading().length());
        String comment = trailingComment(old.strip());
        return raw.substring(0, eq + 1) + spaces + encoded + (comment.isEmpty() ? "" : " " + comment);
    }

    /** What follows the old value, if it is a {@code # comment}; anything else after a closing quote, which readers ignore, is dropped. */
    private static String trailingComment(String value) {
        if (value.startsWith("\"") || value.startsWith("'")) {
            int close = value.indexOf(value.charAt(0), 1);
            String rest = close < 0 ? "" : value.substring(close + 1).strip();
            return rest.startsWith("#") ? rest : "";
        }
        int hash = value.indexOf(" #");
        return hash < 0 ? "" : value.substring(hash + 1);
    }
}
