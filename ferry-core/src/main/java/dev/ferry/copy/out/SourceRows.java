package dev.ferry.copy.out;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.UnaryOperator;

/**
 * Streams one planned table's rows from PostgreSQL, in the copy's snapshot, a thousand rows at a
 * time: each column read as its {@link OutType} says (PostgreSQL's own text for numbers, dates,
 * uuid and json, so that no digit is lost on the way through Java).
 */
final class SourceRows {
    private static final int FETCH_ROWS = 1000;

    /** What is done with each row, the result set standing on it. */
    interface Row {
        void accept(ResultSet r) throws SQLException, java.io.IOException;
    }

    private SourceRows() {
    }

    /** Calls {@code row} for every row of the table; the number of rows. */
    static long each(Connection src, OutTable plan, UnaryOperator<String> quote, Row row) throws SQLException, java.io.IOException {
        String select = "SELECT " + String.join(", ", plan.columns().stream().map(c -> c.type().select().formatted(quote.apply(c.name()))).toList())
                + " FROM " + quote.apply(plan.source().schema()) + "." + quote.apply(plan.name());
        long rows = 0;
        try (Statement s = src.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(FETCH_ROWS);
            try (ResultSet r = s.executeQuery(select)) {
                while (r.next()) {
                    rows++;
                    row.accept(r);
                }
            }
        }
        return rows;
    }
}
