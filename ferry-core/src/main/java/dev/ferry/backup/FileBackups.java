package dev.ferry.backup;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Progress;
import dev.ferry.spi.Database;
import dev.ferry.spi.Dialect;
import dev.ferry.spi.FileBackup;
import dev.ferry.spi.ServerInfo;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Backups of a database that is one file ({@link FileBackup}, SQLite): a consistent copy of the file,
 * compressed with zstd (a database file shrinks to a third or less, and zstd's frame checksum makes a
 * flipped byte fail loudly), and a manifest whose counts and checksums are read from that copy, so
 * they describe exactly one snapshot. {@link FileVerify} and {@link FileRestore} read it back.
 */
final class FileBackups {
    private static final int ZSTD_LEVEL = 3;

    private final Progress progress;

    FileBackups(Progress progress) {
        this.progress = progress;
    }

    /** The dialect's file backups when the manifest is one of theirs. */
    static Optional<FileBackup> of(Dialect dialect, Manifest manifest) {
        return dialect.capability(FileBackup.class).filter(f -> f.format().equals(manifest.format()));
    }

    /** "database.sqlite.zst": the compressed copy, in the backup's directory. */
    static String fileName(FileBackup files) {
        return "database." + files.format() + ".zst";
    }

    /**
     * Copies {@code database} into {@code partial}, writes its manifest and README, and renames it to
     * {@code dir}. The copy's structure is not checked here: it was just built anew from the rows;
     * {@code backup --verify} checks it as a restore would.
     */
    BackupResult backup(Database database, FileBackup files, Instant started, Path dir, Path partial) {
        files.file(database); // refuses a database that lives in no file before anything is written
        Path copy = partial.resolve("database." + files.format());
        try {
            Files.createDirectories(partial);
            progress.update("copying " + database.url().redacted(), 0, 1);
            files.copy(database, copy);
            // Compressed on a second thread while the tables are read: the two take about as long as each other.
            java.util.concurrent.FutureTask<Void> compressing = new java.util.concurrent.FutureTask<>(() -> {
                compress(copy, partial.resolve(fileName(files)));
                return null;
            });
            new Thread(compressing, "ferry-backup-compress").start();
            List<FileBackup.TableContents> tables = files.tables(copy);
            await(compressing);
            Files.delete(copy);
            ServerInfo server = serverInfo(database);
            Manifest manifest = new Manifest(BackupService.version(), files.format(), database.dialect().name(), server.product() + " " + server.version(),
                    server.majorVersion(), files.file(database).getFileName().toString(), database.url().redacted(), started.toString(),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), files.checksumName(), entries(tables), List.of());
            BackupService.complete(partial, dir, manifest, readme(manifest, files));
            return new BackupResult(dir.toString(), manifest);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "writing the backup " + partial + " failed: " + e.getMessage()
                    + " (not a backup: delete it)", null, e);
        } catch (SQLException e) {
            boolean locked = database.dialect().isLockTimeout(e);
            throw new FerryException(locked ? ErrorCode.LOCKED : ErrorCode.SQL, "copying " + database.url().redacted() + " failed: " + e.getMessage()
                    + "; the unfinished backup is " + partial + " (not a backup: delete it)",
                    locked ? "another program held the database's lock too long; run the backup again when it is done" : null, e);
        } finally {
            progress.finish();
        }
    }

    /** Where the copy's tables differ from the manifest, one phrase a table; empty when they are equal. */
    static List<String> differences(Manifest manifest, List<FileBackup.TableContents> tables) {
        List<String> differences = new ArrayList<>();
        Map<String, FileBackup.TableContents> found = tables.stream()
                .collect(Collectors.toMap(FileBackup.TableContents::name, Function.identity()));
        for (Manifest.TableEntry t : manifest.tables()) {
            FileBackup.TableContents c = found.get(t.name());
            if (c == null) {
                differences.add(t.name() + ": missing");
            } else if (c.rows() != t.rows() || !c.checksum().equals(t.checksum())) {
                differences.add(t.name() + ": " + c.rows() + " rows, checksum " + c.checksum() + ", where the manifest has " + t.rows()
                        + " rows, checksum " + t.checksum());
            }
        }
        differences.addAll(unlisted(manifest, tables));
        return differences;
    }

    static List<String> unlisted(Manifest manifest, List<FileBackup.TableContents> tables) {
        return tables.stream().filter(c -> manifest.tables().stream().noneMatch(t -> t.name().equals(c.name())))
                .map(c -> c.name() + ": in the database file but not in the manifest").toList();
    }

    /**
     * Writes the backup's database file, uncompressed, to {@code into}. A missing or damaged file
     * (zstd's frame checksum catches a changed byte) and a file that cannot be written are each a
     * FerryException saying which.
     */
    static void decompress(Path dir, FileBackup files, Path into) {
        Path compressed = dir.resolve(fileName(files));
        if (!Files.isRegularFile(compressed)) {
            throw new FerryException(ErrorCode.STEP_FAILED, "the backup's database file " + compressed.getFileName() + " is missing from " + dir,
                    "the backup is incomplete: take a new one", null);
        }
        try (InputStream in = new ZstdInputStream(new BufferedInputStream(Files.newInputStream(compressed), 1 << 16));
             OutputStream out = Files.newOutputStream(into)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = read(in, buffer, compressed); n >= 0; n = read(in, buffer, compressed)) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "cannot write " + into + ": " + e.getMessage(),
                    "make room (the database needs its full size there) or make the directory writable", e);
        }
    }

    private static int read(InputStream in, byte[] buffer, Path compressed) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "the backup's database file " + compressed.getFileName() + " cannot be decompressed ("
                    + e.getMessage() + "): it was truncated or changed after the backup", "the backup is damaged: take a new one", e);
        }
    }

    private static void await(java.util.concurrent.FutureTask<Void> compressing) throws IOException {
        try {
            compressing.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while compressing", e);
        }
    }

    private static void compress(Path file, Path into) throws IOException {
        try (OutputStream out = new ZstdOutputStream(new BufferedOutputStream(Files.newOutputStream(into), 1 << 16), ZSTD_LEVEL).setChecksum(true)) {
            Files.copy(file, out);
        }
    }

    private static List<Manifest.TableEntry> entries(List<FileBackup.TableContents> tables) {
        return tables.stream().map(t -> new Manifest.TableEntry(null, t.name(), t.columns(), t.rows(), t.bytes(), t.checksum(), List.of()))
                .toList();
    }

    private static ServerInfo serverInfo(Database database) throws SQLException {
        try (Connection c = database.connect()) {
            return database.dialect().serverInfo(c);
        }
    }

    private static String readme(Manifest m, FileBackup files) {
        String file = fileName(files);
        return "Ferry backup of " + m.url() + " (" + m.server() + "), taken " + m.startedAt() + ".\n\n"
                + file + " is the whole database file, copied from one snapshot and compressed with zstd.\n\n"
                + "With Ferry (into a new file; --clean replaces an existing one after backing it up):\n\n"
                + "    ferry restore <this directory> --url '" + m.dialect().toLowerCase(java.util.Locale.ROOT) + ":NEW.db?create=true'\n\n"
                + "Without Ferry, with zstd (into a new file; never over a database file a program has open):\n\n"
                + "    zstd -d " + file + " -o NEW.db\n"
                + "    " + files.integrityCheckCommand("NEW.db") + "\n\n"
                + "manifest.json lists each table's row count and checksum (" + m.checksum() + ": the sum of the XXH64 of each row's values,\n"
                + "each written as a type tag and its bytes); ferry backup verify <this directory> decompresses the file into a scratch file and compares them.\n";
    }
}
