package dev.ferry.migrate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The rows a {@code repair --history} is about to rewrite, saved as JSON under {@code backups/}
 * before the rewrite commits, so that {@code repair --undo} can put them back. A file, not a table
 * beside the tool's: a new table would show up in the tool's own schema dumps and drift checks.
 *
 * @param tool       "rails", "prisma" or "flyway"
 * @param table      the table as configured
 * @param database   the database's URL, redacted: an undo refuses another database
 * @param repairedAt when the repair started, ISO-8601 UTC
 */
public record RepairBackup(String tool, String table, String database, String repairedAt, List<RowChange> changes) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final String PREFIX = "history-";

    /** Writes the file whole or not at all (a temporary file, forced to disk, then renamed); its path. */
    Path write(Path directory, String databaseName) {
        Path file = directory.resolve(PREFIX + tool + "-" + safe(databaseName) + "-" + STAMP.format(Instant.parse(repairedAt)) + ".json");
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".history-", ".json.part");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(this)));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "cannot save the rows the repair would change under " + directory + ": " + e.getMessage()
                    + "; nothing was changed", "make " + directory + " writable, or run ferry from a directory where backups/ can be written", e);
        }
    }

    static RepairBackup read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new FerryException(ErrorCode.FILE_NOT_FOUND, "no file " + file, "ls backups/ lists the saved repairs (history-<tool>-<database>-<time>.json)");
        }
        try {
            RepairBackup backup = JSON.readValue(file.toFile(), RepairBackup.class);
            if (backup.tool() == null || backup.table() == null || backup.changes() == null) {
                throw new IOException("it lacks tool, table or changes");
            }
            return backup;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new FerryException(ErrorCode.CONFIG, file + at + " is not a repair Ferry saved: " + e.getOriginalMessage(),
                    "pass a backups/history-<tool>-<database>-<time>.json file that ferry repair --history wrote", e);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.CONFIG, file + " is not a repair Ferry saved: " + e.getMessage(),
                    "pass a backups/history-<tool>-<database>-<time>.json file that ferry repair --history wrote", e);
        }
    }

    /** The newest saved repair of {@code tool}'s history in the database at {@code url} (redacted), named {@code databaseName}. */
    static Optional<Path> latest(Path directory, String tool, String databaseName, String url) {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        String prefix = PREFIX + tool + "-" + safe(databaseName) + "-";
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed())
                    .filter(f -> savedFrom(f, url)).findFirst();
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "cannot list " + directory + ": " + e.getMessage(), null, e);
        }
    }

    /** Whether a saved repair was taken of the database at {@code url}; another server's database of the same name is skipped. */
    private static boolean savedFrom(Path file, String url) {
        try {
            return url.equals(JSON.readTree(file.toFile()).path("database").asText());
        } catch (IOException e) {
            return false; // not a repair Ferry saved: never picked by itself, only named with --undo FILE
        }
    }

    /** A database name as part of a file name: anything but letters, digits, dot, dash and underscore becomes '_'. */
    private static String safe(String name) {
        return name == null || name.isEmpty() ? "default" : name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
