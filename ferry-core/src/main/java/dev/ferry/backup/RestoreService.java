package dev.ferry.backup;

import com.github.luben.zstd.ZstdInputStream;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.fault.FaultPoints;
import dev.ferry.report.Progress;
import dev.ferry.spi.Database;
import dev.ferry.spi.SqlSplitter;
import dev.ferry.spi.TableStats;
import dev.ferry.stream.KeyRanges;
import dev.ferry.stream.StreamCount;
import dev.ferry.stream.TableRef;
import dev.ferry.stream.TableStreams;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry restore} of a native backup into an empty database: the schema before the data, each
 * table's stream loaded and its rows and checksum compared with the manifest as it loads, then
 * constraints, indexes, foreign keys, triggers and sequence positions. A target that holds tables
 * is refused before anything is done; a restore that fails half-way says so and never claims to
 * have restored.
 */
public final class RestoreService {
    private final int jobs;
    private final Progress progress;
    private final ClientTools tools;

    public RestoreService(int jobs, Progress progress) {
        this(jobs, progress, new ClientTools(System.getenv()));
    }

    /** @param tools where a pg_dump backup's pg_restore is found */
    public RestoreService(int jobs, Progress progress, ClientTools tools) {
        this.jobs = Math.max(1, jobs);
        this.progress = progress;
        this.tools = tools;
    }

    public RestoreResult restore(Path dir, Database target) {
        Manifest manifest = Manifest.read(dir);
        refuseOtherDialect(manifest, target);
        refuseNonEmpty(target);
        java.util.Optional<dev.ferry.spi.FileBackup> file = FileBackups.of(target.dialect(), manifest);
        if (file.isPresent()) {
            return new FileRestore(progress).restore(dir, manifest, target, file.get());
        }
        long started = System.nanoTime();
        boolean dump = DumpBackup.isDump(manifest);
        Map<String, StreamCount> loaded = dump ? loadDump(dir, target, manifest, false) : loadData(dir, target, manifest);
        List<String> differences = differences(manifest, loaded);
        if (!differences.isEmpty()) {
            throw partial(target, dir, "the data loaded differs from the backup's manifest (" + String.join("; ", differences) + "): the backup is damaged", null);
        }
        if (!dump) {
            postData(dir, target, manifest);
        }
        long rows = loaded.values().stream().mapToLong(StreamCount::rows).sum();
        return new RestoreResult(dir.toString(), target.url().redacted(), manifest.tables().size(), rows, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The schema, then every stream, into an empty {@code target}; per table (ranges added up) the
     * rows and checksum of what the server took. Failing, it says the target holds a partial restore.
     */
    Map<String, StreamCount> loadData(Path dir, Database target, Manifest manifest) {
        runScript(dir, BackupService.PRE_DATA, target, manifest);
        FaultPoints.reach("restore.after-schema");
        Map<TableRef, String> files = parts(manifest);
        try {
            long expected = manifest.tables().stream().mapToLong(Manifest.TableEntry::rows).sum();
            Map<TableRef, StreamCount> loaded = TableStreams.load(target, List.copyOf(files.keySet()), jobs, p -> open(dir.resolve(files.get(p))),
                    progress, expected);
            FaultPoints.reach("restore.after-data");
            return KeyRanges.perTable(loaded);
        } catch (FerryException e) {
            throw partial(target, dir, "loading the data failed: " + e.getMessage(), e);
        }
    }

    /** A pg_dump backup restored by pg_restore, then per table the rows and checksum the target holds. */
    Map<String, StreamCount> loadDump(Path dir, Database target, Manifest manifest, boolean scratch) {
        try {
            return DumpBackup.load(dir, manifest, target, jobs, scratch, tools, progress);
        } catch (FerryException e) {
            throw partial(target, dir, e.getMessage(), e);
        }
    }

    /** Constraints, indexes, foreign keys, triggers and sequence positions, after the data. */
    void postData(Path dir, Database target, Manifest manifest) {
        runScript(dir, BackupService.POST_DATA, target, manifest);
        FaultPoints.reach("restore.after-post-data");
    }

    /** Every stream of the backup, as the part of its table it holds, with its file. */
    static Map<TableRef, String> parts(Manifest manifest) {
        Map<TableRef, String> parts = new java.util.LinkedHashMap<>();
        for (Manifest.TableEntry t : manifest.tables()) {
            t.parts().forEach(p -> parts.put(new TableRef(t.schema(), t.name(), t.columns(), p.where()), p.file()));
        }
        return parts;
    }

    /** Where counts or checksums (per table, ranges added up) differ from the manifest, one phrase a table. */
    static List<String> differences(Manifest manifest, Map<String, StreamCount> counts) {
        List<String> differences = new ArrayList<>();
        for (Manifest.TableEntry t : manifest.tables()) {
            StreamCount c = counts.get(t.qualifiedName());
            if (c == null) {
                differences.add(t.qualifiedName() + ": not restored");
            } else if (c.rows() != t.rows() || !c.checksum().equals(t.checksum())) {
                differences.add(t.qualifiedName() + ": " + c.rows() + " rows, checksum " + c.checksum() + ", where the manifest has "
                        + t.rows() + " rows, checksum " + t.checksum());
            }
        }
        return differences;
    }

    private static java.io.InputStream open(Path file) throws IOException {
        try {
            return new ZstdInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        } catch (NoSuchFileException e) {
            throw new IOException("its file " + file.getFileName() + " is missing from the backup", e);
        }
    }

    static void refuseOtherDialect(Manifest m, Database target) {
        if (!target.dialect().name().equals(m.dialect())) {
            throw new FerryException(ErrorCode.USAGE, "the backup was taken of " + m.dialect() + " and " + target.url().redacted() + " is "
                    + target.dialect().name() + "; a " + m.format() + " backup restores into the database it came from", "ferry copy moves data between databases");
        }
    }

    private static void refuseNonEmpty(Database target) {
        try (Connection c = target.connect()) {
            List<TableStats> tables = target.dialect().tables(c);
            if (!tables.isEmpty()) {
                String names = String.join(", ", tables.stream().limit(5).map(TableStats::qualifiedName).toList()) + (tables.size() > 5 ? ", …" : "");
                throw new FerryException(ErrorCode.USAGE, "restore refused: " + target.url().redacted() + " is not empty (" + tables.size()
                        + (tables.size() == 1 ? " table: " : " tables: ") + names + "); nothing was changed",
                        "restore into a new, empty database, or replace this one with --clean (it takes a safety backup first)");
            }
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "reading the tables of " + target.url().redacted() + " failed: " + e.getMessage(), null, e);
        }
    }

    /** Runs one of the backup's scripts in one transaction: all of it, or (where DDL is transactional) none. */
    private static void runScript(Path dir, String name, Database target, Manifest manifest) {
        String script;
        try {
            script = Files.readString(dir.resolve(name));
        } catch (IOException e) {
            throw new FerryException(ErrorCode.FILE_NOT_FOUND, dir.resolve(name) + " cannot be read: " + e.getMessage() + "; the backup is incomplete", null, e);
        }
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (SqlSplitter.Statement st : SqlSplitter.split(script, target.dialect().backslashEscapes())) {
                s.execute(st.sql());
            }
            c.commit();
        } catch (SQLException e) {
            String where = name.equals(BackupService.PRE_DATA) ? "nothing of it remains" : "the data is loaded but " + name + " did not apply";
            throw partial(target, dir, name + " failed: " + e.getMessage() + " (" + where + ")", e);
        }
    }

    private static FerryException partial(Database target, Path dir, String what, Exception cause) {
        return new FerryException(ErrorCode.STEP_FAILED, "restore of " + dir + " into " + target.url().redacted() + " did not finish: " + what
                + "; the database holds a partial restore, not the backup", "drop and recreate " + target.url().redacted()
                + ", then run ferry restore " + dir + " again (ferry backup verify " + dir + " checks the backup first)", cause);
    }
}
