package dev.ferry.copy.out;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.stream.StreamCount;
import dev.ferry.stream.TableRef;
import dev.ferry.stream.TableStreams;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One table from PostgreSQL into SQLite: prepared INSERTs sent in batches, all in one transaction
 * that also writes the table's checkpoint, so that the table is in the target with its checkpoint
 * or in neither. SQLite has no bulk-load statement; in one transaction, batched inserts are its fast path.
 */
public final class BatchInsertLoad {
    private static final int BATCH_ROWS = 1000;

    private BatchInsertLoad() {
    }

    /** Loads the table and runs {@code beforeCommit} in its transaction; what was loaded. */
    public static StreamCount load(Connection src, OutTable plan, UnaryOperator<String> sourceQuote, Connection target, UnaryOperator<String> targetQuote,
                                   TableRef part, TableStreams.BeforeCommit beforeCommit) throws SQLException {
        List<OutTable.OutColumn> columns = plan.columns();
        String insert = "INSERT INTO " + targetQuote.apply(plan.name()) + " (" + String.join(", ", columns.stream().map(c -> targetQuote.apply(c.name())).toList())
                + ") VALUES (" + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        target.setAutoCommit(false);
        long[] batched = {0};
        long[] sum = {0};
        try (PreparedStatement p = target.prepareStatement(insert)) {
            long rows = SourceRows.each(src, plan, sourceQuote, r -> {
                Object[] values = new Object[columns.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = value(r, i + 1, columns.get(i).type().kind());
                }
                return values;
            }, values -> {
                for (int i = 0; i < values.length; i++) {
                    if (values[i] == null) {
                        p.setNull(i + 1, Types.NULL);
                    } else {
                        p.setObject(i + 1, values[i]);
                    }
                }
                sum[0] += Arrays.deepHashCode(values) * 0x9E3779B97F4A7C15L; // an order-independent sum of the rows, as the streams' checksums are
                p.addBatch();
                if (++batched[0] % BATCH_ROWS == 0) {
                    p.executeBatch();
                }
            });
            p.executeBatch();
            StreamCount loaded = new StreamCount(rows, 0, HexFormat.of().toHexDigits(sum[0]));
            beforeCommit.run(target, part, loaded);
            target.commit();
            return loaded;
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, plan.source().label() + " into " + part.qualifiedName() + ": the target refused a row ("
                    + e.getMessage() + "); " + part.qualifiedName() + " was not loaded", null, e);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, part.qualifiedName() + ": " + e.getMessage(), null, e);
        } finally {
            if (!target.getAutoCommit()) {
                target.rollback();
                target.setAutoCommit(true);
            }
        }
    }

    /** One value as SQLite stores it (booleans 0 and 1, numbers as PostgreSQL's text, which NUMERIC affinity takes exactly when it can); null for NULL. */
    private static Object value(ResultSet r, int i, OutType.Kind kind) throws SQLException {
        Object value = switch (kind) {
            case INTEGER -> r.getLong(i);
            case BOOLEAN -> r.getBoolean(i) ? 1 : 0;
            case REAL -> r.getDouble(i);
            case BYTES -> r.getBytes(i);
            case TEXT -> r.getString(i);
        };
        return r.wasNull() ? null : value;
    }
}
