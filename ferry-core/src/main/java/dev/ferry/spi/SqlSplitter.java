package dev.ferry.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits a SQL script into statements at top-level semicolons, skipping over comments
 * ({@code --}, nested {@code /* *}{@code /}), quoted strings ({@code E'…'} with backslash escapes)
 * and identifiers, and PostgreSQL dollar quotes ({@code $$ ... $$}, {@code $fn$ ... $fn$}).
 * Routine bodies ({@code BEGIN … END} of triggers, functions, procedures and events,
 * PostgreSQL's {@code BEGIN ATOMIC}, MariaDB's {@code BEGIN NOT ATOMIC}) stay one statement, and
 * {@code DELIMITER //} lines change the terminator as the mysql client does.
 * A {@code COPY … FROM stdin} statement carries the data lines that follow it up to {@code \.};
 * a psql meta-command line ({@code \connect}) comes back as a statement of its own kind, so the
 * caller can refuse it. Each statement keeps the line it starts on, so errors can name file and line.
 *
 * <pre>{@code
 * for (SqlSplitter.Statement s : SqlSplitter.split(script, false)) {
 *     statement.execute(s.sql());   // s.line() for messages
 * }
 * }</pre>
 */
public final class SqlSplitter {

    /** What a piece of a script is: SQL to execute, a COPY with inline data, or a client meta-command. */
    public enum Kind { SQL, COPY_FROM_STDIN, META_COMMAND }

    /**
     * One statement without its terminator or leading comments, and the 1-based line it starts on.
     *
     * @param data the inline rows of a {@code COPY … FROM stdin} (each line ending in a newline), else null
     */
    public record Statement(String sql, int line, Kind kind, String data) {
        public Statement(String sql, int line) {
            this(sql, line, Kind.SQL, null);
        }

        /** The file line of a 1-based character offset into {@link #sql()} (a server's error position). */
        public int lineAt(int position) {
            int lines = line;
            for (int i = 0; i < Math.min(position - 1, sql.length()); i++) {
                if (sql.charAt(i) == '\n') {
                    lines++;
                }
            }
            return lines;
        }
    }

    /** CREATE … TRIGGER/FUNCTION/PROCEDURE/EVENT/PACKAGE: bodies that may be BEGIN … END blocks with semicolons inside. */
    private static final Pattern ROUTINE_HEAD = Pattern.compile(
            "(?is)create\\s+(or\\s+replace\\s+)?(temp\\s+|temporary\\s+)?(definer\\s*=\\s*\\S+\\s+)?(aggregate\\s+)?"
                    + "(trigger|function|procedure|event|package(\\s+body)?)");
    private static final Set<String> ROUTINE_WORDS = Set.of("TRIGGER", "FUNCTION", "PROCEDURE", "EVENT", "PACKAGE", "BODY");
    private static final Pattern NOT_ATOMIC = Pattern.compile("(?is)\\s+not\\s+atomic\\b.*");
    private static final Pattern COPY_FROM_STDIN = Pattern.compile("(?is)copy\\s.+\\sfrom\\s+stdin\\b.*");
    /** MySQL's compound statements close with END IF, END LOOP…; only END CASE closes what CASE opened. */
    private static final Set<String> END_SUFFIXES = Set.of("IF", "LOOP", "WHILE", "REPEAT", "FOR");
    /**
     * pg_dump (since 15.14) wraps its output in these; they guard psql against meta-commands hidden
     * in data, and Ferry runs no meta-commands at all, so they are skipped.
     */
    private static final Set<String> HARMLESS_META = Set.of("\\restrict", "\\unrestrict");

    private final String text;
    private final boolean backslashEscapes;
    private final List<Statement> statements = new ArrayList<>();
    private int pos;
    private int line = 1;
    /** The terminator set by a DELIMITER line, or null for the semicolon. */
    private String delimiter;

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
        int start = -1;
        int startLine = -1;
        boolean routine = false;
        int blocks = 0; // BEGIN (or CASE) ... END inside a routine, whose body has semicolons of its own
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (start < 0) {
                if (Character.isWhitespace(c) || startsComment()) {
                    skipToken(c);
                    continue;
                }
                if (c == '\\' || startsDelimiterLine()) {
                    clientLine(c);
                    continue;
                }
                start = pos;
                startLine = line;
            }
            boolean ends = delimiter != null ? text.startsWith(delimiter, pos) : c == ';' && blocks == 0;
            if (ends) {
                add(start, pos, startLine);
                advance(delimiter != null ? delimiter.length() : 1);
                readCopyData();
                start = -1;
                routine = false;
                blocks = 0;
            } else if (Character.isLetter(c) || c == '_') {
                int wordStart = pos;
                String word = word().toUpperCase(Locale.ROOT);
                if (word.equals("E") && pos < text.length() && text.charAt(pos) == '\'') {
                    skipQuoted('\'', true);
                } else if (!routine && ROUTINE_WORDS.contains(word)) {
                    routine = ROUTINE_HEAD.matcher(text.substring(start, pos)).matches();
                } else if (wordStart == start && word.equals("BEGIN") && NOT_ATOMIC.matcher(text.substring(pos, Math.min(text.length(), pos + 40))).matches()) {
                    routine = true;
                    blocks++;
                } else if (routine && (word.equals("BEGIN") || word.equals("CASE"))) {
                    blocks++;
                } else if (routine && word.equals("END") && blocks > 0) {
                    blocks -= closesBlock() ? 1 : 0;
                }
            } else {
                skipToken(c);
            }
        }
        if (start >= 0) {
            add(start, text.length(), startLine);
        }
    }

    /** After END: whether it closes a BEGIN or CASE block (not END IF, END LOOP…), leaving pos after what belongs to it. */
    private boolean closesBlock() {
        int after = pos;
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
        String next = pos < text.length() && Character.isLetter(text.charAt(pos)) ? word().toUpperCase(Locale.ROOT) : "";
        if (END_SUFFIXES.contains(next)) {
            return false;
        }
        if (!next.equals("CASE")) {
            pos = after;
        }
        return true;
    }

    private boolean startsDelimiterLine() {
        return text.regionMatches(true, pos, "DELIMITER", 0, 9) && pos + 9 < text.length() && (text.charAt(pos + 9) == ' ' || text.charAt(pos + 9) == '\t');
    }

    /** A line for the client, not the server: DELIMITER x, or a meta-command such as \connect. */
    private void clientLine(char c) {
        int startLine = line;
        int end = text.indexOf('\n', pos);
        String content = text.substring(pos, end < 0 ? text.length() : end).strip();
        advance((end < 0 ? text.length() : end) - pos);
        if (c != '\\') {
            String d = content.substring(9).strip();
            delimiter = d.isEmpty() || d.equals(";") ? null : d;
        } else if (!HARMLESS_META.contains(content.split("\\s+")[0])) {
            statements.add(new Statement(content, startLine, Kind.META_COMMAND, null));
        }
    }

    /** The rows after a COPY … FROM stdin, up to a line holding only {@code \.}. */
    private void readCopyData() {
        Statement last = statements.isEmpty() ? null : statements.get(statements.size() - 1);
        if (last == null || last.kind() != Kind.SQL || !COPY_FROM_STDIN.matcher(last.sql()).matches()) {
            return;
        }
        int eol = text.indexOf('\n', pos);
        advance((eol < 0 ? text.length() : eol + 1) - pos);
        StringBuilder data = new StringBuilder();
        while (pos < text.length()) {
            int end = text.indexOf('\n', pos);
            String row = text.substring(pos, end < 0 ? text.length() : end);
            advance((end < 0 ? text.length() : end + 1) - pos);
            if (row.strip().equals("\\.")) {
                break;
            }
            data.append(row.endsWith("\r") ? row.substring(0, row.length() - 1) : row).append('\n');
        }
        statements.set(statements.size() - 1, new Statement(last.sql(), last.line(), Kind.COPY_FROM_STDIN, data.toString()));
    }

    private String word() {
        int from = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_' || text.charAt(pos) == '$')
                && (delimiter == null || !text.startsWith(delimiter, pos))) {
            pos++;
        }
        return text.substring(from, pos);
    }

    /** A comment, but not MySQL's executable {@code /*!…*}{@code /} or optimizer hint {@code /*+…*}{@code /}. */
    private boolean startsComment() {
        return text.startsWith("--", pos) || (text.startsWith("/*", pos) && !text.startsWith("/*!", pos) && !text.startsWith("/*+", pos));
    }

    private void skipToken(char c) {
        if (text.startsWith("--", pos)) {
            skipUntil("\n", false);
        } else if (text.startsWith("/*", pos)) {
            skipBlockComment();
        } else if (c == '\'' || c == '"' || c == '`') {
            skipQuoted(c, backslashEscapes && c != '`');
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

    private void skipQuoted(char quote, boolean backslash) {
        advance(1);
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (backslash && c == '\\') {
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
        if (!sql.isEmpty()) {
            statements.add(new Statement(sql, startLine));
        }
    }
}
