package dev.ferry.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Marks a dialect that moves whole tables as streams in a binary format of its own, read from one
 * consistent snapshot shared by several sessions (PostgreSQL: COPY … (FORMAT binary) and exported
 * snapshots). The table-stream engine ({@code dev.ferry.stream}) drives it; backups, restores,
 * verification and copies are built on that engine.
 *
 * <pre>{@code
 * BulkCopy bulk = dialect.require(BulkCopy.class, "back up tables");
 * String snapshot = bulk.beginSnapshot(first);
 * bulk.joinSnapshot(second, snapshot);
 * bulk.copyOut(second, "\"public\".\"album\"", List.of("\"album_id\"", "\"title\""), null, out);
 * }</pre>
 */
public interface BulkCopy {

    /**
     * Starts a read-only transaction on {@code c} that sees one snapshot; its id, for {@link #joinSnapshot},
     * or null when no other session can join it (then {@code c} alone reads every table).
     */
    String beginSnapshot(Connection c) throws SQLException;

    /** Starts a read-only transaction on {@code c} that sees one snapshot, which no other session will join. */
    default void beginOwnSnapshot(Connection c) throws SQLException {
        beginSnapshot(c);
    }

    /**
     * Called on the session that began snapshot {@code id} once every other session has joined it
     * (MariaDB releases the read lock that held writers off while they did).
     */
    default void allJoined(Connection c, String id) throws SQLException {
    }

    /** Starts a read-only transaction on {@code c} that sees exactly the snapshot {@code id} (while its exporter's transaction is open). */
    void joinSnapshot(Connection c, String id) throws SQLException;

    /**
     * Writes the rows of {@code qualifiedTable} ({@code columns} quoted, in order) that {@code where}
     * selects (null: all) to {@code out} in the binary format.
     */
    void copyOut(Connection c, String qualifiedTable, List<String> columns, String where, OutputStream out) throws SQLException, IOException;

    /** Loads rows in the binary format into {@code qualifiedTable}; the number of rows loaded. */
    long copyIn(Connection c, String qualifiedTable, List<String> columns, InputStream in) throws SQLException, IOException;

    /** How the backup names a file of this format, before ".zst": ".bin" (PostgreSQL's binary COPY), ".tsv" (MariaDB's LOAD DATA text). */
    default String fileSuffix() {
        return ".bin";
    }

    /** A new splitter of one binary stream into its rows, so that each row can be counted and hashed as it passes. */
    RowFramer framer();

    /**
     * What a backup read through {@code c}'s snapshot cannot promise, one sentence each: tables the
     * snapshot does not cover (MariaDB's MyISAM), objects the schema model does not hold and the
     * backup therefore leaves out. Empty when there is nothing to say.
     */
    default List<String> warnings(Connection c) throws SQLException {
        return List.of();
    }

    /**
     * The objects of {@code c}'s database that a backup cannot hold, one phrase per kind ("2 views v1,
     * v2"): what dropping the database would lose for good although a safety backup was taken. Empty
     * when a backup holds everything.
     */
    default List<String> notBackedUp(Connection c) throws SQLException {
        return List.of();
    }

    /** Statements that set every sequence to where it stands now in {@code c}'s snapshot, to run after a restore's data. */
    List<String> sequencePositions(Connection c) throws SQLException;

    /**
     * Statements that move each sequence that fills a column of {@code qualifiedTables} (quoted) past the
     * highest value the column holds in {@code c}'s database, and never back: what rows copied into
     * tables that already existed need, without touching any other table's sequence.
     */
    default List<String> sequencesPastRows(Connection c, List<String> qualifiedTables) throws SQLException {
        return List.of();
    }

    /** Readies session {@code c} to build the indexes and keys of freshly loaded tables (PostgreSQL: more maintenance_work_mem). */
    default void prepareIndexBuilds(Connection c) throws SQLException {
        // nothing by default
    }

    /**
     * Splits a binary copy stream, fed in pieces of any size, into rows. Stateful: one per stream.
     */
    interface RowFramer {
        /** Takes the next bytes; calls {@code rows} once for each row they complete, with that row's bytes. */
        void feed(byte[] bytes, int offset, int length, RowConsumer rows) throws IOException;

        /** Whether the stream ended as the format ends (its trailer seen, nothing after it). */
        boolean complete();
    }

    interface RowConsumer {
        void row(byte[] bytes, int offset, int length);
    }
}
