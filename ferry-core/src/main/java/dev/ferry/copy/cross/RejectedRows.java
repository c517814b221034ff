package dev.ferry.copy.cross;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * The rows a target table refuses (a foreign key, a check, a unique key, a value its type cannot
 * hold), one JSON line each in {@code <dir>/<table>.jsonl} with the row and the error, so that the
 * copy goes on ({@code --max-rejects N}) and someone can fix them later. The (N+1)-th row of a table
 * stops the copy, naming the file; with N = 0, the first.
 */
public final class RejectedRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final int max;

    /** No file: the first row a target refuses stops the copy with the target's error. */
    public static final RejectedRows NONE = new RejectedRows(null, 0);

    public RejectedRows(Path dir, int max) {
        this.dir = dir;
        this.max = max;
    }

    public boolean enabled() {
        return dir != null;
    }

    /** The file of {@code table} ("enrollments", or "legacy.events" outside the target's schema), emptied: a table's load starts it again. */
    public Table start(String table) {
        Path file = dir.resolve(table + ".jsonl");
        try {
            Files.createDirectories(dir);
            return new Table(table, file, Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FerryException(ErrorCode.USAGE, "cannot write rejected rows to " + file + ": " + e.getMessage(),
                    "choose a writable directory with --rejects-dir DIR", e);
        }
    }

    /** One table's rejected rows. */
    public final class Table implements AutoCloseable {
        private final String table;
        private final Path file;
        private final BufferedWriter out;
        private long count;

        private Table(String table, Path file, BufferedWriter out) {
            this.table = table;
            this.file = file;
            this.out = out;
        }

        /** Writes one refused row; past the limit, stops the table's load naming the file. */
        public void reject(List<String> columns, Object[] values, String error) {
            ObjectNode line = JSON.createObjectNode();
            line.put("table", table);
            ObjectNode row = line.putObject("row");
            for (int i = 0; i < columns.size(); i++) {
                put(row, columns.get(i), values[i]);
            }
            line.put("error", error);
            try {
                out.write(JSON.writeValueAsString(line));
                out.newLine();
                out.flush();
            } catch (IOException e) {
                throw new FerryException(ErrorCode.STEP_FAILED, "cannot write rejected rows to " + file + ": " + e.getMessage(), null, e);
            }
            if (++count > max) {
                String what = max == 0 ? "the target refused a row (" + error + "); it is in " + file
                        : "more than " + max + " row" + (max == 1 ? "" : "s") + " rejected (--max-rejects " + max + "); they are in " + file
                        + " with the target's error for each";
                throw new FerryException(ErrorCode.STEP_FAILED, table + ": " + what + "; " + table + " was not loaded",
                        "fix " + (max == 0 ? "that row" : "those rows") + " in the source (or the mapping), or set such rows aside with --max-rejects N,"
                                + " then run the same ferry copy with --resume", null);
            }
        }

        public long count() {
            return count;
        }

        public Path file() {
            return file;
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new FerryException(ErrorCode.STEP_FAILED, "cannot write rejected rows to " + file + ": " + e.getMessage(), null, e);
            }
        }

        private void put(ObjectNode row, String column, Object v) {
            if (v == null) {
                row.putNull(column);
            } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                row.put(column, ((Number) v).longValue());
            } else if (v instanceof Boolean b) {
                row.put(column, b);
            } else if (v instanceof byte[] b) {
                row.put(column, "base64:" + Base64.getEncoder().encodeToString(b));
            } else {
                row.put(column, String.valueOf(v)); // decimals, dates and the rest as the source printed them, exactly
            }
        }
    }
}
