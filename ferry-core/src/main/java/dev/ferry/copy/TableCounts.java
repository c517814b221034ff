package dev.ferry.copy;

import dev.ferry.copy.cross.PostgresTarget;
import dev.ferry.copy.cross.PostgresTargetSchema;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.Database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * --verify of a copy between different databases (or through a mapping): every target table counted
 * and compared with what its source gives and with the rows its loads took. A difference marks the
 * copy in its state, so that no later --resume, with or without --verify, finishes it as sound.
 */
final class TableCounts {
    /** The rows the source gives for one part of the copy, read in the copy's snapshot. */
    interface SourceCount {
        long of(CopyState.Part part) throws SQLException;
    }

    private TableCounts() {
    }

    static String verify(Connection target, Database to, List<CopyState.Part> parts, SourceCount source) throws SQLException {
        List<String> differences = new ArrayList<>();
        for (CopyState.Part p : parts) {
            long there = PostgresTarget.count(target, PostgresTargetSchema.table(p.table().schema(), p.table().name()));
            long here = source.of(p) - p.rejected();
            if (there != here || there != p.copied().rows()) {
                differences.add(p.table().qualifiedName() + ": " + there + " rows, where the source gives " + here
                        + (p.rejected() == 0 ? "" : " (less the " + p.rejected() + " rejected)") + " and " + p.copied().rows() + " were copied");
            }
        }
        if (!differences.isEmpty()) {
            CopyState.phase(target, CopyState.VERIFY_FAILED, CopyState.read(target, to.dialect()).orElseThrow().from());
            throw new FerryException(ErrorCode.CHECK_FAILED, "the copy into " + to.url().redacted() + " does not match the source: "
                    + String.join("; ", differences), "ferry_copy_state on the target keeps what each table sent; drop the target and copy again", null);
        }
        return CopyResult.TABLE_COUNTS;
    }
}
