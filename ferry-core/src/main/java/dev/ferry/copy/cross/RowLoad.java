package dev.ferry.copy.cross;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.BulkCopy;
import dev.ferry.stream.DatabaseSink;
import dev.ferry.stream.StreamCount;
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
     * How a load sets aside the rows the target refuses ({@code --max-rejects}): into which file, and
     * the checkpoint its transaction commits with when it loads row by row.
     *
     * @param label      the table as the rejects file names it
     * @param bulk       the target's COPY, which a careful load runs batch by batch
     * @param checkpoint run before the commit of a careful load, with what it loaded and how many rows it set aside
     */
    public record Rejects(RejectedRows rows, String label, BulkCopy bulk, Checkpoint checkpoint) {
        public static final Rejects NONE = new Rejects(RejectedRows.NONE, null, null, null);
    }

    /** The checkpoint of a load that set rows aside, in its transaction. */
    public interface Checkpoint {
        void run(Connection c, StreamCount loaded, long rejected) throws SQLException;
    }

    /** What a load did beyond its rows: zero dates written as NULL, rows set aside in the rejects file. */
    public record Loaded(long zeroDates, long rejected) {
    }

    /** A row problem that a load with --max-rejects answers by loading the table again, carefully. */
    private static final class RowRefused extends Exception {
        RowRefused(Throwable cause) {
            super(cause);
        }
    }

    /**
     * Streams the rows of {@code query} on {@code src} into {@code part}'s load on the target, each
     * value encoded for its target column's type; the number of zero dates written as NULL.
     */
    public static long load(Connection src, Query query, Connection target, TableRef part, DatabaseSink sink) throws SQLException {
        return load(src, query, target, part, sink, Rejects.NONE).zeroDates();
    }

    /**
     * As {@link #load(Connection, Query, Connection, TableRef, DatabaseSink)}; with rejects enabled, a
     * row the target refuses sends the whole table through {@link #loadCarefully}, which sets such rows aside.
     */
    public static Loaded load(Connection src, Query query, Connection target, TableRef part, DatabaseSink sink, Rejects rejects) throws SQLException {
        Columns columns = Columns.of(target, part);
        try {
            return new Loaded(fast(src, query, part, columns, sink, rejects.rows().enabled()), 0);
        } catch (RowRefused refused) {
            return loadCarefully(src, query, target, part, columns, rejects);
        }
    }

    /** The target's types of a part's columns, with an encoder each. */
    private record Columns(Map<String, PostgresTarget.TargetColumn> types, List<PgBinaryValues.Encoder> encoders, boolean[] temporal) {
        static Columns of(Connection target, TableRef part) throws SQLException {
            Map<String, PostgresTarget.TargetColumn> types = PostgresTarget.columns(target, part.schema(), part.name());
            List<PgBinaryValues.Encoder> encoders = new ArrayList<>();
            boolean[] temporal = new boolean[part.columns().size()];
            for (int i = 0; i < part.columns().size(); i++) {
                String column = part.columns().get(i);
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
                temporal[i] = type.temporal();
            }
            return new Columns(types, encoders, temporal);
        }
    }

    /** One streamed load; a row problem stops it (and, when {@code retry}, asks for a careful load instead of failing the copy). */
    private static long fast(Connection src, Query query, TableRef part, Columns columns, DatabaseSink sink, boolean retry)
            throws SQLException, RowRefused {
        long zeroDates = 0;
        long row = 0;
        OutputStream out = null;
        try (Statement s = src.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(FETCH_ROWS);
            try (ResultSet r = s.executeQuery(query.select())) {
                SourceValues source = new SourceValues(r, columns);
                out = sink.open(part);
                PgBinaryRows rows = new PgBinaryRows(new BufferedOutputStream(out, 1 << 16), columns.encoders());
                while (r.next()) {
                    row++;
                    try {
                        zeroDates += source.read(query, part, row);
                        rows.row(source.values());
                    } catch (PgBinaryRows.ColumnValueException e) {
                        if (retry) {
                            throw new RowRefused(e);
                        }
                        throw unfit(query, part, columns, row, e);
                    } catch (FerryException e) {
                        if (retry) {
                            throw new RowRefused(e);
                        }
                        throw e;
                    }
                }
                rows.finish();
            }
            OutputStream done = out;
            out = null;
            done.close(); // waits for the load to commit with its checkpoint
        } catch (IOException e) {
            if (retry && refusedRow(e)) {
                throw new RowRefused(e);
            }
            throw new FerryException(ErrorCode.STEP_FAILED, part.qualifiedName() + ": " + e.getMessage() + (refusedRow(e) ? "; " + part.qualifiedName()
                    + " was not loaded" : ""), refusedRow(e) ? "fix that row in the source, or set rows the target refuses aside with --max-rejects N"
                    + " (each is written to the rejects directory with its error), then run the same ferry copy with --resume" : null, e);
        } finally {
            abandon(out);
        }
        return zeroDates;
    }

    /**
     * The table loaded again in one transaction on {@code target}, in batches of COPY each under a
     * savepoint: a batch the target refuses is split in halves until the refused rows stand alone,
     * and those go to the rejects file. Commits with the checkpoint, or not at all.
     */
    private static Loaded loadCarefully(Connection src, Query query, Connection target, TableRef part, Columns columns, Rejects rejects)
            throws SQLException {
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        try (RejectedRows.Table rejected = rejects.rows().start(rejects.label());
             Statement s = src.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(FETCH_ROWS);
            CarefulBatches batches = new CarefulBatches(target, rejects.bulk(), part, columns.encoders(), rejected);
            long zeroDates = 0;
            long row = 0;
            try (ResultSet r = s.executeQuery(query.select())) {
                SourceValues source = new SourceValues(r, columns);
                while (r.next()) {
                    row++;
                    try {
                        zeroDates += source.read(query, part, row);
                    } catch (FerryException e) {
                        rejected.reject(part.columns(), source.values(), e.getMessage());
                        continue;
                    }
                    batches.add(source.values());
                }
            }
            StreamCount loaded = batches.finish();
            rejects.checkpoint().run(target, loaded, rejected.count());
            target.commit();
            return new Loaded(zeroDates, rejected.count());
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, part.qualifiedName() + ": " + e.getMessage(), null, e);
        } finally {
            try {
                target.rollback();
            } finally {
                target.setAutoCommit(autoCommit);
            }
        }
    }

    /** The target refused a row's values or keys (SQLSTATE class 22, data, or 23, integrity), not the load as a whole. */
    static boolean refusedRow(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private static FerryException unfit(Query query, TableRef part, Columns columns, long row, PgBinaryRows.ColumnValueException e) {
        String targetName = part.columns().get(e.column());
        return new FerryException(ErrorCode.STEP_FAILED, query.table() + "." + query.columns().get(e.column()) + ", row " + row
                + " of the source: " + e.getMessage() + ", which the target's " + part.qualifiedName() + "." + targetName + " ("
                + columns.types().get(targetName).type() + ") cannot hold; " + part.qualifiedName() + " was not loaded",
                "fix that value in the source (SQLite keeps any value in any column), create the target column as text and copy with --data-only,"
                        + " or set such rows aside with --max-rejects N", e);
    }

    /** Reads a source row's values as the encoders take them: LOBs as bytes and text, PostgreSQL's timestamptz as an instant, zero dates as NULL. */
    private static final class SourceValues {
        private final ResultSet r;
        private final Columns columns;
        private final Object[] values;
        private final boolean[] instant;

        SourceValues(ResultSet r, Columns columns) throws SQLException {
            this.r = r;
            this.columns = columns;
            this.values = new Object[columns.encoders().size()];
            this.instant = new boolean[values.length];
            for (int i = 0; i < values.length; i++) {
                instant[i] = "timestamptz".equalsIgnoreCase(r.getMetaData().getColumnTypeName(i + 1));
            }
        }

        /** Reads the current row; the zero dates it wrote as NULL. A zero date for a NOT NULL column is an error naming it. */
        long read(Query query, TableRef part, long row) throws SQLException {
            long zeroDates = 0;
            for (int i = 0; i < values.length; i++) {
                Object v = instant[i] ? r.getObject(i + 1, java.time.OffsetDateTime.class) : plain(r.getObject(i + 1));
                values[i] = v;
                if (columns.temporal()[i] && PgBinaryValues.isZeroDate(v)) {
                    String targetName = part.columns().get(i);
                    if (columns.types().get(targetName).notNull()) {
                        throw new FerryException(ErrorCode.STEP_FAILED, query.table() + "." + query.columns().get(i) + ", row " + row
                                + " of the source: the zero date " + v + ", which PostgreSQL has no value for and writes as NULL, but "
                                + part.qualifiedName() + "." + targetName + " is NOT NULL; " + part.qualifiedName() + " was not loaded",
                                "give those rows a real date in the source, create the target column without NOT NULL and copy with --data-only,"
                                        + " or set such rows aside with --max-rejects N", null);
                    }
                    zeroDates++;
                    values[i] = null;
                }
            }
            return zeroDates;
        }

        Object[] values() {
            return values;
        }
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
