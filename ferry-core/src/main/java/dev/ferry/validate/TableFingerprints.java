package dev.ferry.validate;

import dev.ferry.error.FerryException;
import dev.ferry.spi.BulkCopy;
import dev.ferry.spi.Database;
import dev.ferry.stream.KeyRanges;
import dev.ferry.stream.StreamCount;
import dev.ferry.stream.TableRef;
import dev.ferry.stream.TableStreams;

import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Each table's rows and content checksum as a backup's manifest has them, read now from the live
 * database with the table-stream engine (one snapshot, the manifest's columns), for tablesIntact.
 */
final class TableFingerprints {
    private static final int JOBS = 2;
    private final Database database;

    TableFingerprints(Database database) {
        this.database = database;
    }

    /** Counts per qualified name ("public.album"); a table that cannot be read fails the check that asked. */
    Map<String, StreamCount> of(List<BaselineManifest.Table> tables) throws CheckProblem {
        java.util.Optional<dev.ferry.spi.FileBackup> file = database.dialect().capability(dev.ferry.spi.FileBackup.class);
        if (file.isPresent()) {
            return ofFile(file.get());
        }
        if (database.dialect().capability(BulkCopy.class).isEmpty()) {
            throw new CheckProblem(database.dialect().name() + " cannot compute table checksums yet; compare counts with rowCount: { equals: baseline }");
        }
        List<TableRef> refs = tables.stream().map(t -> new TableRef(t.schema(), t.name(), t.columns())).toList();
        try (TableStreams.Reader reader = TableStreams.reader(database, JOBS)) {
            return KeyRanges.perTable(reader.read(refs, t -> OutputStream.nullOutputStream(), dev.ferry.report.Progress.NONE));
        } catch (FerryException e) {
            throw new CheckProblem("reading the tables again failed: " + e.getMessage());
        }
    }

    /** A database that is one file (SQLite): its tables read as its backups read them, every column, from one read transaction. */
    private Map<String, StreamCount> ofFile(dev.ferry.spi.FileBackup files) throws CheckProblem {
        try {
            Map<String, StreamCount> counts = new java.util.HashMap<>();
            files.tables(files.file(database)).forEach(t -> counts.put(t.name(), new StreamCount(t.rows(), t.bytes(), t.checksum())));
            return counts;
        } catch (java.sql.SQLException e) {
            throw new CheckProblem("reading the tables again failed: " + e.getMessage());
        }
    }
}
