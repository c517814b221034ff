package dev.ferry.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A backup as {@code backup list} shows it.
 *
 * @param verified null when never verified, else whether the last verification passed
 */
public record BackupListing(String name, String takenAt, int tables, long rows, long sizeOnDisk, String format, Boolean verified) {

    /** Every complete backup under {@code out}, oldest first; unfinished ones (".…partial") are not backups and not listed. */
    public static List<BackupListing> under(Path out) {
        List<BackupListing> list = new ArrayList<>();
        if (!Files.isDirectory(out)) {
            return list;
        }
        try (Stream<Path> dirs = Files.list(out)) {
            for (Path dir : dirs.filter(d -> !Manifest.unfinished(d) && Files.isRegularFile(d.resolve(Manifest.FILE))).sorted().toList()) {
                Manifest m = Manifest.read(dir);
                list.add(new BackupListing(dir.getFileName().toString(), m.startedAt(), m.tables().size(),
                        m.tables().stream().mapToLong(Manifest.TableEntry::rows).sum(), size(dir), m.format(),
                        m.verifications().isEmpty() ? null : m.verified()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + out, e);
        }
        list.sort(Comparator.comparing(BackupListing::takenAt));
        return list;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
