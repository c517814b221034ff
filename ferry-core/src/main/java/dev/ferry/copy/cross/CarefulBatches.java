package dev.ferry.copy.cross;

import dev.ferry.copy.cross.RejectedRows.Table;
import dev.ferry.spi.BulkCopy;
import dev.ferry.stream.RowChecksum;
import dev.ferry.stream.StreamCount;
import dev.ferry.stream.TableRef;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one table sent as batches of binary COPY, each under a savepoint of the caller's
 * transaction: a batch the target refuses is rolled back to its savepoint and split in halves until
 * each refused row stands alone, and goes to the rejects file with the target's error. Rows are
 * counted and hashed as the target took them, as a streamed load counts its rows.
 */
final class CarefulBatches {
    private static final int BATCH_ROWS = 5_000;
    private static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};
    private final Connection target;
    private final BulkCopy bulk;
    private final TableRef part;
    private final String table;
    private final List<String> columns;
    private final Table rejected;
    private final ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    private final PgBinaryRows rows;
    private final byte[] header;
    private final RowChecksum taken;
    private final List<byte[]> batch = new ArrayList<>();
    private final List<Object[]> batchValues = new ArrayList<>();

    CarefulBatches(Connection target, BulkCopy bulk, TableRef part, List<PgBinaryValues.Encoder> encoders, Table rejected) throws IOException {
        this.target = target;
        this.bulk = bulk;
        this.part = part;
        this.table = PostgresTargetSchema.table(part.schema(), part.name());
        this.columns = part.columns().stream().map(PostgresTargetSchema::q).toList();
        this.rejected = rejected;
        this.rows = new PgBinaryRows(encoded, encoders);
        this.header = encoded.toByteArray();
        encoded.reset();
        this.taken = new RowChecksum(bulk.framer());
        taken.update(header, 0, header.length);
    }

    /** One row, encoded now: a value its column cannot hold is rejected at once. */
    void add(Object[] values) throws SQLException, IOException {
        try {
            rows.row(values);
        } catch (PgBinaryRows.ColumnValueException e) {
            encoded.reset();
            rejected.reject(part.columns(), values, part.columns().get(e.column()) + ": " + e.getMessage());
            return;
        }
        batch.add(encoded.toByteArray());
        encoded.reset();
        batchValues.add(values.clone());
        if (batch.size() == BATCH_ROWS) {
            send();
        }
    }

    /** Sends what is left; what the target took, counted and hashed. */
    StreamCount finish() throws SQLException, IOException {
        send();
        taken.update(TRAILER, 0, TRAILER.length);
        return taken.count();
    }

    private void send() throws SQLException, IOException {
        if (!batch.isEmpty()) {
            send(0, batch.size());
            batch.clear();
            batchValues.clear();
        }
    }

    private void send(int from, int to) throws SQLException, IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(header);
        for (int i = from; i < to; i++) {
            stream.write(batch.get(i));
        }
        stream.write(TRAILER);
        Savepoint before = target.setSavepoint();
        try {
            bulk.copyIn(target, table, columns, new ByteArrayInputStream(stream.toByteArray()));
            target.releaseSavepoint(before);
        } catch (SQLException e) {
            target.rollback(before);
            if (!RowLoad.refusedRow(e)) {
                throw e;
            }
            if (to - from == 1) {
                rejected.reject(part.columns(), batchValues.get(from), oneLine(e));
                return;
            }
            int middle = (from + to) >>> 1;
            send(from, middle);
            send(middle, to);
            return;
        }
        for (int i = from; i < to; i++) {
            taken.update(batch.get(i), 0, batch.get(i).length);
        }
    }

    /** PostgreSQL's message with its detail ("Key (user_id)=(999) is not present in table users"), without the COPY line it points at. */
    private static String oneLine(SQLException e) {
        return String.join("; ", String.valueOf(e.getMessage()).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("Where: COPY")).toList());
    }
}
