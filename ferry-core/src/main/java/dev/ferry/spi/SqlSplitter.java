package dev.ferry.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements at top-level semicolons, skipping over comments
 * ({@code --}, nested {@code /* *}{@code /}), quoted strings and identifiers, and PostgreSQL
 * dollar quotes ({@code $$ ... $$}, {@code $fn$ ... $fn$}). Each statement keeps the line it
 * starts on, so errors can name file and line.
 *
 * <pre>{@code
 * for (SqlSplitter.Statement s : SqlSplitter.split(script, false)) {
 *     statement.execute(s.sql());   // s.line() for messages
 * }
 * }</pre>
 */
public final class SqlSplitter {

    /** One statement without its terminating semicolon, and the 1-based line it starts on. */
    public record Statement(String sql, int line) {
    }

    /** CREATE [TEMP] TRIGGER after any comments: SQLite's and MySQL's trigger bodies are BEGIN ... END blocks. */
    private static final java.util.regex.Pattern TRIGGER_HEAD = java.util.regex.Pattern.compile(
            "(?is)(\\s|--[^\\n]*\\n?|/\\*.*?\\*/)*create\\s+(or\\s+replace\\s+)?(temp\\s+|temporary\\s+)?(definer\\s*=\\s*\\S+\\s+)?trigger");
    /** MySQL's compound statements close with END IF, END LOOP…; only END CASE closes what CASE opened. */
    private static final java.util.Set<String> END_SUFFIXES = java.util.Set.of("IF", "LOOP", "WHILE", "REPEAT");

    private final String text;
    private final boolean backslashEscapes;
    private final List<Statement> statements = new ArrayList<>();
    private int pos;
    private int line = 1;

    private SqlSplitter(String text, boolean backslashEscapes) {
        this.text = text;
        this.backslashEscapes = backslashEscapes;
    }

    /**
     * @param backslashEscapes whether a backslash escapes the next character inside quotes
     *                         (MySQL's default; PostgreSQL's standard_conforming_strings say no)
     */
    public static List<Statement> split(String script, boolean backslashEscapes) {
        SqlSplitter s = new SqlSplitter(script, backslashEscapes);
        s.run();
        return s.statements;
    }

    private void run() {
        int start = 0;
        int startLine = -1;
        boolean trigger = false;
        int blocks = 0; // BEGIN (or CASE) ... END inside a CREATE TRIGGER, whose body has semicolons of its own
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (startLine < 0 && !Character.isWhitespace(c) && !startsComment()) {
                startLine = line;
            }
            if (c == ';' && blocks == 0) {
                add(start, pos, startLine);
                pos++;
                start = pos;
                startLine = -1;
                trigger = false;
            } else if (Character.isLetter(c) || c == '_') {
                String word = word();
                if (!trigger && word.equalsIgnoreCase("TRIGGER")) {
                    trigger = TRIGGER_HEAD.matcher(text.substring(start, pos)).matches();
                } else if (trigger && (word.equalsIgnoreCase("BEGIN") || word.equalsIgnoreCase("CASE"))) {
                    blocks++;
                } else if (trigger && word.equalsIgnoreCase("END") && blocks > 0) {
                    int after = pos;
                    while (pos < text.length() && text.charAt(pos) == ' ') {
                        pos++;
                    }
                    String next = pos < text.length() && Character.isLetter(text.charAt(pos)) ? word() : "";
                    if (END_SUFFIXES.contains(next.toUpperCase(java.util.Locale.ROOT))) {
                        continue;
                    }
                    if (!next.equalsIgnoreCase("CASE")) {
                        pos = after;
                    }
                    blocks--;
                }
            } else {
                skipToken(c);
            }
        }
        add(start, text.length(), startLine);
    }

    private String word() {
        int from = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_' || text.charAt(pos) == '$')) {
            pos++;
        }
        return text.substring(from, pos);
    }

    private boolean startsComment() {
        return text.startsWith("--", pos) || text.startsWith("/*", pos);
    }

    private void skipToken(char c) {
        if (text.startsWith("--", pos)) {
            skipUntil("\n", false);
        } else if (text.startsWith("/*", pos)) {
            skipBlockComment();
        } else if (c == '\'' || c == '"' || c == '`') {
            skipQuoted(c);
        } else if (c == '$' && dollarTag() != null) {
            String tag = dollarTag();
            advance(tag.length());
            skipUntil(tag, true);
        } else {
            advance(1);
        }
    }

    /** The dollar-quote opening at pos ({@code $$} or {@code $tag$}), or null when it is not one. */
    private String dollarTag() {
        if (pos > 0 && (Character.isLetterOrDigit(text.charAt(pos - 1)) || text.charAt(pos - 1) == '_')) {
            return null;
        }
        int end = pos + 1;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        if (end < text.length() && text.charAt(end) == '$' && (end == pos + 1 || !Character.isDigit(text.charAt(pos + 1)))) {
            return text.substring(pos, end + 1);
        }
        return null;
    }

    private void skipQuoted(char quote) {
        advance(1);
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (backslashEscapes && c == '\\' && quote != '`') {
                advance(Math.min(2, text.length() - pos));
            } else if (c == quote) {
                advance(1);
                if (pos < text.length() && text.charAt(pos) == quote) {
                    advance(1); // doubled quote: an escaped quote, still inside
                } else {
                    return;
                }
            } else {
                advance(1);
            }
        }
    }

    private void skipBlockComment() {
        int depth = 0;
        while (pos < text.length()) {
            if (text.startsWith("/*", pos)) {
                depth++;
                advance(2);
            } else if (text.startsWith("*/", pos)) {
                depth--;
                advance(2);
                if (depth == 0) {
                    return;
                }
            } else {
                advance(1);
            }
        }
    }

    private void skipUntil(String end, boolean inclusive) {
        int found = text.indexOf(end, pos);
        int stop = found < 0 ? text.length() : found + (inclusive ? end.length() : 0);
        advance(stop - pos);
    }

    private void advance(int n) {
        for (int i = 0; i < n; i++) {
            if (text.charAt(pos + i) == '\n') {
                line++;
            }
        }
        pos += n;
    }

    private void add(int from, int to, int startLine) {
        String sql = text.substring(from, to).strip();
        if (startLine > 0 && !onlyComments(sql)) {
            statements.add(new Statement(sql, startLine));
        }
    }

    /** A trailing run of comments after the last semicolon is not a statement. */
    private static boolean onlyComments(String sql) {
        return sql.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)--.*$", "").isBlank();
    }
}
