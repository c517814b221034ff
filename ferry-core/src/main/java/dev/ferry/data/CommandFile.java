package dev.ferry.data;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code D<version>__<description>.cmd} file says: one command line, and optionally the batch
 * size the command is told to use. Blank lines and lines starting with {@code #} are comments;
 * {@code # ferry:batch size=N} sets {@code FERRY_BATCH_SIZE}.
 *
 * <pre>{@code
 * # Classifies the legacy bank details; pages by id.
 * # ferry:batch size=5000
 * node scripts/classify.js
 * }</pre>
 *
 * @param words     the command and its arguments, split as a shell would split them for quotes
 * @param line      the command line as written
 * @param batchSize what the command is told its batches hold
 */
record CommandFile(List<String> words, String line, int batchSize) {
    static final int DEFAULT_BATCH_SIZE = 10_000;
    private static final int MAX_BATCH_SIZE = 10_000_000;
    private static final Pattern DIRECTIVE = Pattern.compile("#\\s*ferry:(\\S*)(.*)");
    private static final Pattern SIZE = Pattern.compile("size=(\\S*)");

    CommandFile {
        words = List.copyOf(words);
    }

    /** Reads {@code text}, the content of {@code file}; a file without exactly one command line, or with a bad directive, is an error naming the line. */
    static CommandFile parse(Path file, String text) {
        String command = null;
        int commandLine = 0;
        int batchSize = DEFAULT_BATCH_SIZE;
        List<String> lines = text.lines().toList();
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher directive = DIRECTIVE.matcher(line);
            if (directive.matches()) {
                batchSize = batchSize(file, n, directive);
            } else if (!line.startsWith("#")) {
                if (command != null) {
                    throw new FerryException(ErrorCode.CONFIG, file + " line " + n + " is a second command line (the first is line " + commandLine
                            + "): a .cmd file holds one command", "put the steps in one script and name that script in the .cmd file");
                }
                command = line;
                commandLine = n;
            }
        }
        if (command == null) {
            throw new FerryException(ErrorCode.CONFIG, file + " holds no command line (only blank lines and # comments)",
                    "write the command that does the migration on one line, e.g. node scripts/classify.js");
        }
        return new CommandFile(words(file, commandLine, command), command, batchSize);
    }

    private static List<String> words(Path file, int n, String line) {
        try {
            List<String> words = CommandWords.split(line);
            if (words.isEmpty()) {
                throw new FerryException(ErrorCode.CONFIG, file + " line " + n + " names no program", "write the command, e.g. node scripts/classify.js");
            }
            return words;
        } catch (CommandWords.Unsplittable e) {
            throw new FerryException(ErrorCode.CONFIG, file + " line " + n + " column " + e.column() + ": " + e.getMessage(),
                    "Ferry starts the program itself, without a shell: put pipes, variables and the like in a script, and name the script in the"
                            + " .cmd file (quote an argument that holds such a character: 'a*b')");
        }
    }

    private static int batchSize(Path file, int n, Matcher directive) {
        String hint = "write # ferry:batch size=N, the rows each batch of the command holds (default " + DEFAULT_BATCH_SIZE + ")";
        if (!directive.group(1).equals("batch")) {
            throw new FerryException(ErrorCode.CONFIG, file + " line " + n + ": ferry:" + directive.group(1) + " is not a directive Ferry knows", hint);
        }
        String rest = directive.group(2).strip();
        Matcher size = SIZE.matcher(rest);
        if (!size.matches()) {
            throw new FerryException(ErrorCode.CONFIG, file + " line " + n + ": a .cmd file's batch directive takes size=N only, not '" + rest + "'", hint);
        }
        String value = size.group(1);
        if (!value.matches("[0-9]{1,9}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_BATCH_SIZE) {
            throw new FerryException(ErrorCode.CONFIG, file + " line " + n + ": size= should be a number of rows from 1 to " + MAX_BATCH_SIZE
                    + ", not " + value, hint);
        }
        return Integer.parseInt(value);
    }
}
