package dev.ferry.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code manifest.json} of a backup: what was read, from where, when, and per table its exact row
 * count, size and content checksum, all from the one snapshot the dump read.
 *
 * @param format        "native", or "sqlite" (the database file itself, see {@code FileBackups})
 * @param server        e.g. "PostgreSQL 17.6"
 * @param serverMajor   the major version, which a verification's scratch server matches
 * @param checksum      how table checksums are made: "xxh64-sum" (see {@code dev.ferry.stream.RowChecksum}), "xxh64-sum-sqlite-values"
 * @param verifications every {@code backup verify} run so far, newest last
 * @param warnings      what the backup could not promise, e.g. tables outside the snapshot (MariaDB's MyISAM); empty when none
 */
public record Manifest(String ferry, String format, String dialect, String server, int serverMajor, String database, String url,
                       String startedAt, String finishedAt, String checksum, List<TableEntry> tables, List<Verification> verifications,
                       List<String> warnings) {
    public static final String FILE = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Manifest {
        tables = tables == null ? List.of() : List.copyOf(tables);
        verifications = verifications == null ? List.of() : List.copyOf(verifications);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A manifest without warnings. */
    public Manifest(String ferry, String format, String dialect, String server, int serverMajor, String database, String url,
                    String startedAt, String finishedAt, String checksum, List<TableEntry> tables, List<Verification> verifications) {
        this(ferry, format, dialect, server, serverMajor, database, url, startedAt, finishedAt, checksum, tables, verifications, List.of());
    }

    /**
     * One table: its columns in stream order, its rows, size and checksum in all, and the stream of
     * each key range it was split into (one part, with no condition, for a table read whole).
     *
     * @param bytes the size of its streams before compression
     */
    public record TableEntry(String schema, String name, List<String> columns, long rows, long bytes, String checksum, List<Part> parts) {
        public TableEntry {
            parts = parts == null ? List.of() : List.copyOf(parts);
        }

        public String qualifiedName() {
            return schema == null ? name : schema + "." + name;
        }
    }

    /**
     * One stream of a table.
     *
     * @param file  its compressed stream, relative to the backup's directory
     * @param where the key range it holds, as SQL; null for the whole table
     */
    public record Part(String file, String where, long rows, long bytes, String checksum) {
    }

    /** One verification: when, where it restored to, and what differed (nothing when it passed). */
    public record Verification(String at, String scratch, boolean passed, List<String> differences) {
    }

    public Manifest withVerification(Verification v) {
        List<Verification> all = new ArrayList<>(verifications);
        all.add(v);
        return new Manifest(ferry, format, dialect, server, serverMajor, database, url, startedAt, finishedAt, checksum, tables, all, warnings);
    }

    public boolean verified() {
        return !verifications.isEmpty() && verifications.get(verifications.size() - 1).passed();
    }

    /** Writes the manifest into {@code dir} whole or not at all. */
    public void write(Path dir) {
        try {
            Path temporary = dir.resolve(FILE + ".part");
            Files.write(temporary, JSON.writeValueAsBytes(this));
            Files.move(temporary, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), null, e);
        }
    }

    /** Whether {@code dir} is a backup whose run stopped before its final rename ({@code .NAME.partial}): not a backup. */
    public static boolean unfinished(Path dir) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".partial");
    }

    public static Manifest read(Path dir) {
        if (unfinished(dir)) {
            throw new FerryException(ErrorCode.FILE_NOT_FOUND, dir + " is an unfinished backup: the run that wrote it stopped before the end,"
                    + " so nothing vouches for it", "take a new backup (ferry backup), then delete " + dir);
        }
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new FerryException(ErrorCode.FILE_NOT_FOUND, dir + " is not a Ferry backup: it has no " + FILE
                    + (Files.isDirectory(dir) ? "" : " (no such directory)"), "ferry backup list shows the backups under backups/");
        }
        try {
            return JSON.readValue(file.toFile(), Manifest.class);
        } catch (IOException e) {
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new FerryException(ErrorCode.CONFIG, file + " cannot be read: " + why, "the backup is damaged; take a new one", e);
        }
    }
}
