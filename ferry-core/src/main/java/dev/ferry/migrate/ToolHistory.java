package dev.ferry.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * How one tool (Rails, Prisma, Flyway) names its migration files and records them: reads both and
 * pairs them by that tool's rules. It decides what {@code status} shows and what {@code repair}
 * would rewrite; {@link ToolHistories} does the reading, locking and writing around it.
 */
interface ToolHistory {

    /** Every file and recorded row, paired; the renames a repair would write; the pairings it must refuse. */
    Comparison compare(Connection c, ToolTable table) throws SQLException;

    /**
     * @param statuses  one line per file, and per recorded row no file stands for
     * @param renames   a rename of a recorded row to the file that is now its, with its status line
     * @param ambiguous the lines of rows that more than one file could stand for
     */
    record Comparison(List<MigrationStatus> statuses, List<RowChange> renames, List<MigrationStatus> ambiguous) {
    }
}
