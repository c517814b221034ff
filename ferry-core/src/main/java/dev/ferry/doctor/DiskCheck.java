package dev.ferry.doctor;

import dev.ferry.report.Formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Room for a backup where backups go: at least twice the database's size, since a backup of a
 * database is about its size and a verified or a safety backup (restore --clean) needs a second one.
 * Less than that fails the preflight rather than the backup half-way through the night.
 */
final class DiskCheck {
    static final String NAME = "disk";

    private DiskCheck() {
    }

    static DoctorCheck check(Path backupDir, long databaseBytes, FreeSpace freeSpace) {
        if (Files.exists(backupDir) && !Files.isDirectory(backupDir)) {
            return new DoctorCheck(NAME, CheckStatus.FAIL, backupDir + " is a file, not a directory: backups cannot go there",
                    "point --out at a directory (it is created when missing)");
        }
        Path existing = nearestExisting(backupDir.toAbsolutePath());
        if (existing == null) {
            return new DoctorCheck(NAME, CheckStatus.WARN, "cannot find where " + backupDir + " would be", null);
        }
        long free;
        try {
            free = freeSpace.usableBytes(existing);
        } catch (IOException e) {
            return new DoctorCheck(NAME, CheckStatus.WARN, "cannot read the free space at " + existing + ": " + e.getMessage(), null);
        }
        return verdict(backupDir, existing, free, databaseBytes);
    }

    private static DoctorCheck verdict(Path backupDir, Path existing, long free, long databaseBytes) {
        String where = Formats.bytes(free) + " free at " + existing + (existing.equals(backupDir.toAbsolutePath()) ? "" : " (backups go to " + backupDir + ")");
        if (databaseBytes < 0) {
            return new DoctorCheck(NAME, CheckStatus.WARN, where + "; the database's size is unknown, so the room for a backup is not known either", null);
        }
        long needed = 2 * databaseBytes;
        if (free < needed) {
            return new DoctorCheck(NAME, CheckStatus.FAIL, where + ": less than twice the database's " + Formats.bytes(databaseBytes)
                    + " (" + Formats.bytes(needed) + ")", "free " + Formats.bytes(needed - free) + " there, or send backups to a disk with at least "
                    + Formats.bytes(needed) + " free (--out DIR)");
        }
        return new DoctorCheck(NAME, CheckStatus.OK, where + ", at least twice the database's " + Formats.bytes(databaseBytes), null);
    }

    private static Path nearestExisting(Path path) {
        Path p = path;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p;
    }
}
