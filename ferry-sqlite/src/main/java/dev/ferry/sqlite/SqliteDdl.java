package dev.ferry.sqlite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the pragmas leave out of a CREATE TABLE statement: check constraints, collations, generated
 * expressions and AUTOINCREMENT. A tokenizer, not a parser: it splits the body at top-level commas
 * and looks for those keywords outside parentheses, keeping each expression's text as written.
 */
final class SqliteDdl {

    /** A column's collation (upper case), generated clause ({@code (expr) STORED}) and AUTOINCREMENT, each null/false when absent. */
    record ColumnExtras(String collation, String generated, boolean autoincrement) {
    }

    /** A check and its name when the DDL gives one. */
    record Check(String name, String expression) {
    }

    private record Token(String text, int start, int end, boolean word) {
        boolean is(String keyword) {
            return word && text.equalsIgnoreCase(keyword);
        }
    }

    private final String sql;
    private final List<Token> tokens = new ArrayList<>();
    /** By lower-case column name: SQLite compares names without case. */
    private final Map<String, ColumnExtras> columns = new HashMap<>();
    private final List<Check> checks = new ArrayList<>();

    private SqliteDdl(String sql) {
        this.sql = sql;
    }

    static SqliteDdl parse(String createTable) {
        SqliteDdl ddl = new SqliteDdl(createTable);
        ddl.tokenize();
        ddl.readBody();
        return ddl;
    }

    ColumnExtras column(String name) {
        return columns.getOrDefault(name.toLowerCase(Locale.ROOT), new ColumnExtras(null, null, false));
    }

    List<Check> checks() {
        return checks;
    }

    private void readBody() {
        int open = 0;
        while (open < tokens.size() && !tokens.get(open).text.equals("(")) {
            open++;
        }
        int depth = 0;
        int itemStart = open + 1;
        for (int i = open + 1; i < tokens.size(); i++) {
            String t = tokens.get(i).text;
            if (t.equals("(")) {
                depth++;
            } else if (t.equals(")") && depth > 0) {
                depth--;
            } else if (depth == 0 && (t.equals(",") || t.equals(")"))) {
                readItem(tokens.subList(itemStart, i));
                itemStart = i + 1;
                if (t.equals(")")) {
                    return;
                }
            }
        }
    }

    private void readItem(List<Token> item) {
        if (item.isEmpty()) {
            return;
        }
        Token first = item.get(0);
        boolean tableConstraint = first.word && List.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN")
                .contains(first.text.toUpperCase(Locale.ROOT));
        String collation = null;
        String generated = null;
        boolean autoincrement = false;
        String constraintName = null;
        for (int i = tableConstraint ? 0 : 1; i < item.size(); i++) {
            Token t = item.get(i);
            boolean parenNext = i + 1 < item.size() && item.get(i + 1).text.equals("(");
            if (t.is("CONSTRAINT") && i + 1 < item.size()) {
                constraintName = unquote(item.get(++i).text);
                continue;
            }
            if (t.is("CHECK") && parenNext) {
                int close = closing(item, i + 1);
                checks.add(new Check(constraintName, inside(item, i + 1, close)));
                i = close;
            } else if (t.is("COLLATE") && i + 1 < item.size()) {
                collation = unquote(item.get(++i).text).toUpperCase(Locale.ROOT);
            } else if (t.is("AS") && parenNext) {
                int close = closing(item, i + 1);
                boolean stored = close + 1 < item.size() && item.get(close + 1).is("STORED");
                generated = "(" + inside(item, i + 1, close) + (stored ? ") STORED" : ") VIRTUAL");
                i = close;
            } else if (t.is("AUTOINCREMENT")) {
                autoincrement = true;
            } else if (t.text.equals("(")) {
                i = closing(item, i); // a default or a type's arguments: nothing to find inside
            }
            constraintName = null; // a name belongs to the constraint right after it
        }
        if (!tableConstraint) {
            columns.put(unquote(first.text).toLowerCase(Locale.ROOT), new ColumnExtras(collation, generated, autoincrement));
        }
    }

    private static int closing(List<Token> item, int open) {
        int depth = 0;
        for (int i = open; i < item.size(); i++) {
            if (item.get(i).text.equals("(")) {
                depth++;
            } else if (item.get(i).text.equals(")") && --depth == 0) {
                return i;
            }
        }
        return item.size() - 1;
    }

    /** The text between two parentheses, as written. */
    private String inside(List<Token> item, int open, int close) {
        return sql.substring(item.get(open).end, item.get(close).start).strip();
    }

    static String unquote(String identifier) {
        if (identifier.length() >= 2) {
            char c = identifier.charAt(0);
            char last = identifier.charAt(identifier.length() - 1);
            String body = identifier.substring(1, identifier.length() - 1);
            if (c == '"' && last == '"' || c == '`' && last == '`' || c == '\'' && last == '\'') {
                return body.replace(String.valueOf(c) + c, String.valueOf(c));
            }
            if (c == '[' && last == ']') {
                return body;
            }
        }
        return identifier;
    }

    private void tokenize() {
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (sql.startsWith("--", i)) {
                i = end(sql.indexOf('\n', i), sql.length());
                continue;
            }
            if (sql.startsWith("/*", i)) {
                i = end(sql.indexOf("*/", i + 2), sql.length() - 2) + 2;
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                i = quoted(i, c);
                tokens.add(new Token(sql.substring(start, i), start, i, c != '\''));
            } else if (c == '[') {
                i = end(sql.indexOf(']', i), sql.length() - 1) + 1;
                tokens.add(new Token(sql.substring(start, i), start, i, true));
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                tokens.add(new Token(sql.substring(start, i), start, i, true));
            } else {
                tokens.add(new Token(String.valueOf(c), start, ++i, false));
            }
        }
    }

    /** The end of a quoted name or string; a doubled quote stays inside. */
    private int quoted(int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static int end(int found, int otherwise) {
        return found < 0 ? otherwise : found;
    }
}
