package dev.ferry.copy.out;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.BulkRowFormat;
import dev.ferry.stream.DatabaseSink;
import dev.ferry.stream.TableRef;
import dev.ferry.stream.TableStreams;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One table from PostgreSQL into MariaDB/MySQL: its rows written as the text {@code LOAD DATA}
 * reads ({@link BulkRowFormat}) and piped into a {@link DatabaseSink} load, which commits with the
 * table's checkpoint only when the server took every row, with no warning (a value the column
 * cannot hold is a warning there, and fails the load naming it).
 */
public final class LoadDataLoad {
    private static final byte[] TRUE = {'1'};
    private static final byte[] FALSE = {'0'};

    private LoadDataLoad() {
    }

    public static void load(Connection src, OutTable plan, UnaryOperator<String> quote, TableRef part, DatabaseSink sink, BulkRowFormat format)
            throws SQLException {
        List<OutTable.OutColumn> columns = plan.columns();
        OutputStream out = null;
        try {
            out = sink.open(part);
            BulkRowFormat.Rows rows = format.rows(out);
            int n = columns.size();
            SourceRows.each(src, plan, quote, r -> {
                Object[] values = new Object[n];
                for (int i = 0; i < n; i++) {
                    values[i] = value(r, i + 1, columns.get(i).type().kind());
                }
                return values;
            }, values -> {
                for (int i = 0; i < n; i++) {
                    rows.field((byte[]) values[i], i == n - 1);
                }
            });
            rows.flush();
            OutputStream done = out;
            out = null;
            done.close(); // waits for the load to commit with its checkpoint
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, part.qualifiedName() + ": " + e.getMessage() + "; " + part.qualifiedName() + " was not loaded",
                    "change the value in the source to one the target's column holds (MariaDB's DATETIME runs from year 1000 to 9999 and has no"
                            + " infinity), or widen the target's column", e);
        } finally {
            abort(out, new IOException("the copy of " + part.qualifiedName() + " stopped"));
        }
    }

    /** LOAD DATA text has no end mark: a stream cut short must be aborted, so that the load rolls back instead of committing what it got. */
    private static void abort(OutputStream out, Exception cause) {
        if (out == null) {
            return;
        }
        if (out instanceof TableStreams.Abortable abortable) {
            abortable.abort(cause);
        }
        try {
            out.close();
        } catch (IOException e) {
            // the load refused the aborted stream, as it should
        }
    }

    private static byte[] value(java.sql.ResultSet r, int i, OutType.Kind kind) throws SQLException {
        return switch (kind) {
            case BYTES -> r.getBytes(i);
            case BOOLEAN -> {
                boolean b = r.getBoolean(i);
                yield r.wasNull() ? null : b ? TRUE : FALSE;
            }
            default -> {
                String s = r.getString(i);
                yield s == null ? null : s.getBytes(StandardCharsets.UTF_8);
            }
        };
    }
}
