package dev.ferry.spi;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Marks a dialect whose database is one file that it can copy whole, as one consistent snapshot,
 * while others go on using it (SQLite: {@code VACUUM INTO}): its backup is that copy rather than a
 * stream per table. The backup services ({@code dev.ferry.backup}) decide where the copy goes, how
 * it is compressed, what the manifest says and when a restore may replace a target; the dialect
 * only copies, reads and replaces database files.
 *
 * <pre>{@code
 * FileBackup files = dialect.require(FileBackup.class, "back up a file");
 * files.copy(database, partial.resolve("database.sqlite"));
 * List<FileBackup.TableContents> tables = files.tables(partial.resolve("database.sqlite"));
 * }</pre>
 */
public interface FileBackup {

    /** The backup's format as its manifest names it, e.g. "sqlite". */
    String format();

    /** How {@link #tables} makes each table's checksum, for the manifest's {@code checksum} field. */
    String checksumName();

    /** The file the database lives in; refuses one that lives in no file (SQLite's ":memory:"). */
    Path file(Database database);

    /** Writes one consistent snapshot of the whole database into {@code copy}, a file that does not exist yet. */
    void copy(Database database, Path copy) throws SQLException;

    /** What is wrong with the structure of the database file {@code file} (SQLite: PRAGMA integrity_check); empty when it is sound. */
    List<String> integrityProblems(Path file) throws SQLException;

    /** Each table of the database file {@code file} with its rows and checksum, all read in one transaction. */
    List<TableContents> tables(Path file) throws SQLException;

    /**
     * Replaces everything {@code target} holds by the content of the database file {@code copy}, in
     * one transaction of the target: a crash leaves it as it was or as the copy, and processes that
     * have it open see one or the other. Waits at most {@code lockTimeout} for another writer, then
     * gives up having changed nothing: with the dialect's lock-timeout error ({@link Dialect#isLockTimeout})
     * where the driver reports it, silently where it does not (sqlite-jdbc), so callers read the target back.
     */
    void replace(Database target, Path copy, Duration lockTimeout) throws SQLException;

    /** Whether another process is writing to {@code target} (holds its write lock) for longer than {@code timeout}. */
    boolean writtenByAnother(Database target, Duration timeout) throws SQLException;

    /** The shell command that checks the restored database file {@code file} without Ferry, for the backup's README. */
    String integrityCheckCommand(String file);

    /**
     * One table of a database file.
     *
     * @param columns  the columns its checksum covers, in order
     * @param bytes    the size of its values in the encoding the checksum hashes
     * @param checksum order-independent, as 16 hex digits (a sum of row hashes, as {@code dev.ferry.stream.StreamCount} adds them)
     */
    record TableContents(String name, List<String> columns, long rows, long bytes, String checksum) {
        public TableContents {
            columns = List.copyOf(columns);
        }
    }
}
