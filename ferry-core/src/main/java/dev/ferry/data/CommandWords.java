package dev.ferry.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line split into words as a POSIX shell splits it for quotes and backslashes, but with no
 * shell behind it: nothing is expanded, piped or redirected, so a character that a shell would act
 * on is refused rather than passed on as a literal the author did not mean.
 *
 * <pre>{@code
 * CommandWords.split("node 'scripts/re hash.js' --label \"a \\\"b\\\"\"");   // [node, scripts/re hash.js, --label, a "b"]
 * }</pre>
 */
final class CommandWords {
    /** Characters a shell would act on outside quotes: pipes, lists, redirections, subshells, expansions, globs. */
    private static final String SHELL_ONLY = "|&;<>()$`*?";

    private CommandWords() {
    }

    /** A word that cannot be split: what is wrong, at which column (1-based). */
    static final class Unsplittable extends Exception {
        private final int column;

        Unsplittable(int column, String message) {
            super(message, null, false, false);
            this.column = column;
        }

        int column() {
            return column;
        }
    }

    static List<String> split(String line) throws Unsplittable {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '#' && !inWord) {
                break; // a comment, as in a shell
            } else if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new Unsplittable(i + 1, "the single quote here is never closed");
                }
                word.append(line, i + 1, close);
                inWord = true;
                i = close + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 == line.length()) {
                    throw new Unsplittable(i + 1, "the line ends in a backslash: a .cmd holds its command on one line");
                }
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (SHELL_ONLY.indexOf(c) >= 0 || (c == '~' && !inWord)) {
                throw new Unsplittable(i + 1, "'" + c + "' would mean something to a shell, and no shell runs this command");
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Appends the double-quoted text that starts at {@code open}; returns the index after its closing quote. */
    private static int doubleQuoted(String line, int open, StringBuilder word) throws Unsplittable {
        int i = open + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else if (c == '$' || c == '`') {
                throw new Unsplittable(i + 1, "'" + c + "' inside double quotes would be expanded by a shell, and no shell runs this command");
            } else {
                word.append(c);
                i++;
            }
        }
        throw new Unsplittable(open + 1, "the double quote here is never closed");
    }
}
