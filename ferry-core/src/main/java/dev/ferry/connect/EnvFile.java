package dev.ferry.connect;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code .env} file as Docker Compose, Prisma and dotenv read it: {@code KEY=value}, optional
 * {@code export}, single or double quotes, {@code #} comments. Parse errors name the file, line and
 * column but never echo the line, which may hold a secret. (dotenv-java echoes it, hence this class.)
 */
public final class EnvFile {
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

    private EnvFile() {
    }

    public static Map<String, String> load(Path file) {
        List<String> lines = TextFiles.readUtf8(file, "the env file",
                "create it, or leave out --env-file to read .env beside ferry.yaml when present").lines().toList();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            parseLine(file, i + 1, lines.get(i), values);
        }
        return values;
    }

    private static void parseLine(Path file, int lineNo, String raw, Map<String, String> values) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        if (line.startsWith("export ")) {
            line = line.substring("export ".length()).stripLeading();
        }
        int eq = line.indexOf('=');
        int column = raw.indexOf(line.charAt(0)) + 1;
        if (eq <= 0) {
            throw error(file, lineNo, column, "expected KEY=value");
        }
        String key = line.substring(0, eq).strip();
        if (!KEY.matcher(key).matches()) {
            throw error(file, lineNo, column, "a key may hold letters, digits and _ . -, and not start with a digit");
        }
        values.put(key, value(file, lineNo, column + eq + 1, line.substring(eq + 1).strip()));
    }

    private static String value(Path file, int lineNo, int column, String v) {
        if (v.startsWith("\"") || v.startsWith("'")) {
            char quote = v.charAt(0);
            int end = v.indexOf(quote, 1);
            if (end < 0) {
                throw error(file, lineNo, column, "the value opens a " + quote + " quote that the line does not close");
            }
            String inner = v.substring(1, end);
            return quote == '"' ? inner.replace("\\n", "\n").replace("\\\"", "\"") : inner;
        }
        int comment = v.indexOf(" #");
        return (comment < 0 ? v : v.substring(0, comment)).strip();
    }

    private static FerryException error(Path file, int line, int column, String what) {
        return new FerryException(ErrorCode.CONFIG, file + " line " + line + ", column " + column + ": " + what,
                "write each setting as KEY=value on its own line");
    }
}
