package dev.ferry.copy.cross;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.stream.DatabaseSink;
import dev.ferry.stream.TableRef;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One load of rows that a query on another database returns into a PostgreSQL table: a streaming
 * result set, each value encoded as binary COPY for its target column's type, piped into a
 * {@link DatabaseSink} load that commits with its checkpoint. A value the column cannot hold stops
 * the load, naming table, column, row and value; the load then rolls back.
 */
public final class RowLoad {
    private static final int FETCH_ROWS = 1000;

    /**
     * What one load reads.
     *
     * @param select  the SELECT on the source, its columns in the order of the target part's columns
     * @param table   the source table (or query) as messages name it
     * @param columns each selected column as messages name it (a source column or expression)
     */
    public record Query(String select, String table, List<String> columns) {
    }

    private RowLoad() {
    }

    /**
     * Streams the rows of {@code query} on {@code src} into {@code part}'s load on the target, each
     * value encoded for its target column's type; the number of zero dates written as NULL.
     */
    public static long load(Connection src, Query query, Connection target, TableRef part, DatabaseSink sink) throws SQLException {
        Map<String, PostgresTarget.TargetColumn> types = PostgresTarget.columns(target, part.schema(), part.name());
        List<PgBinaryValues.Encoder> encoders = new ArrayList<>();
        List<Boolean> temporal = new ArrayList<>();
        for (String column : part.columns()) {
            PostgresTarget.TargetColumn type = types.get(column);
            if (type == null) {
                throw new FerryException(ErrorCode.USAGE, part.qualifiedName() + " on the target has no column " + column, null, null);
            }
            try {
                encoders.add(PgBinaryValues.forType(type.type(), type.enumType()));
            } catch (IllegalArgumentException e) {
                throw new FerryException(ErrorCode.UNSUPPORTED, part.qualifiedName() + "." + column + ": " + e.getMessage(),
                        "leave the table out with --tables, or change the target column's type", null);
            }
            temporal.add(type.temporal());
        }
        String select = query.select();
        long zeroDates = 0;
        long row = 0;
        OutputStream out = null;
        try (Statement s = src.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(FETCH_ROWS);
            try (ResultSet r = s.executeQuery(select)) {
                out = sink.open(part);
                PgBinaryRows rows = new PgBinaryRows(new BufferedOutputStream(out, 1 << 16), encoders);
                Object[] values = new Object[encoders.size()];
                while (r.next()) {
                    row++;
                    for (int i = 0; i < values.length; i++) {
                        Object v = plain(r.getObject(i + 1));
                        if (temporal.get(i) && PgBinaryValues.isZeroDate(v)) {
                            String targetName = part.columns().get(i);
                            if (types.get(targetName).notNull()) {
                                throw new FerryException(ErrorCode.STEP_FAILED, query.table() + "." + query.columns().get(i) + ", row " + row
                                        + " of the source: the zero date " + v + ", which PostgreSQL has no value for and writes as NULL, but "
                                        + part.qualifiedName() + "." + targetName + " is NOT NULL; " + part.qualifiedName() + " was not loaded",
                                        "give those rows a real date in the source, or create the target column without NOT NULL and copy with --data-only",
                                        null);
                            }
                            zeroDates++;
                            v = null;
                        }
                        values[i] = v;
                    }
                    try {
                        rows.row(values);
                    } catch (PgBinaryRows.ColumnValueException e) {
                        String targetName = part.columns().get(e.column());
                        throw new FerryException(ErrorCode.STEP_FAILED, query.table() + "." + query.columns().get(e.column()) + ", row " + row
                                + " of the source: " + e.getMessage() + ", which the target's " + part.qualifiedName() + "." + targetName + " ("
                                + types.get(targetName).type()
                                + ") cannot hold; " + part.qualifiedName() + " was not loaded",
                                "fix that value in the source (SQLite keeps any value in any column), or create the target column as text and copy with --data-only", e);
                    }
                }
                rows.finish();
            }
            OutputStream done = out;
            out = null;
            done.close(); // waits for the load to commit with its checkpoint
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, part.qualifiedName() + ": " + e.getMessage(), null, e);
        } finally {
            abandon(out);
        }
        return zeroDates;
    }

    /** Ends a load whose stream stopped midway: without the trailer it rolls back, and its failure is not the one to report. */
    private static void abandon(OutputStream out) {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // the load refused the unfinished stream, as it should
            }
        }
    }

    /** What the drivers hand out as LOBs, as bytes and strings. */
    static Object plain(Object v) throws SQLException {
        if (v instanceof Blob b) {
            return b.getBytes(1, (int) b.length());
        }
        if (v instanceof Clob c) {
            return c.getSubString(1, (int) c.length());
        }
        return v;
    }

}
