package dev.ferry.backup;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.fault.FaultPoints;
import dev.ferry.report.Progress;
import dev.ferry.spi.Database;
import dev.ferry.spi.FileBackup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code ferry restore} of a file backup ({@link FileBackup}, SQLite). The backup's file is
 * decompressed beside the target and checked against the manifest before the target is touched;
 * then the dialect replaces the target's content by it in one transaction of the target, so a crash
 * leaves the target as it was or as the backup, never half of each. That is also why no restore
 * journal is kept here: there is no in-between state for a next run to describe.
 */
final class FileRestore {
    /** How long a restore waits for another process to finish writing to the target before it refuses. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(2);

    private final Progress progress;

    FileRestore(Progress progress) {
        this.progress = progress;
    }

    /** Into a target the caller found empty (or allowed to be replaced): check the backup, then replace the target's content. */
    RestoreResult restore(Path dir, Manifest manifest, Database target, FileBackup files) {
        long started = System.nanoTime();
        Path file = files.file(target);
        Path copy = file.resolveSibling("." + file.getFileName() + ".ferry-restore");
        boolean replaced = false;
        try {
            progress.update("checking " + dir.getFileName(), 0, 1);
            FileBackups.decompress(dir, files, copy);
            List<String> differences = new java.util.ArrayList<>(files.integrityProblems(copy));
            if (differences.isEmpty()) {
                differences.addAll(FileBackups.differences(manifest, files.tables(copy)));
            }
            if (!differences.isEmpty()) {
                throw new FerryException(ErrorCode.STEP_FAILED, "restore of " + dir + " refused: its database file differs from its manifest ("
                        + String.join("; ", differences) + "): the backup is damaged; " + target.url().redacted() + " was not changed",
                        "ferry backup verify " + dir + " shows each table; restore another backup (ferry backup list)", null);
            }
            FaultPoints.reach("restore.file.before-replace");
            refuseWhileWritten(target, files);
            progress.update("replacing " + target.url().redacted(), 0, 1);
            files.replace(target, copy, LOCK_WAIT);
            replaced = true;
            FaultPoints.reach("restore.file.after-replace");
            // Read back without a second integrity check: the backup API copied the checked copy's pages as they are.
            List<String> after = FileBackups.differences(manifest, files.tables(file));
            if (!after.isEmpty()) {
                throw new FerryException(ErrorCode.STEP_FAILED, "restore of " + dir + " into " + target.url().redacted() + " did not take: the target"
                        + " does not hold what the manifest says (" + String.join("; ", after) + "). The replacement is one transaction, so the"
                        + " file holds what it held before or the backup, and whatever a program wrote to it since; most likely another process held its lock",
                        "stop the programs that use " + file.getFileName() + ", then run the restore again", null);
            }
            long rows = manifest.tables().stream().mapToLong(Manifest.TableEntry::rows).sum();
            return new RestoreResult(dir.toString(), target.url().redacted(), manifest.tables().size(), rows, (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException e) {
            if (!replaced && target.dialect().isLockTimeout(e)) {
                throw locked(target);
            }
            throw new FerryException(ErrorCode.STEP_FAILED, "restore of " + dir + " into " + target.url().redacted() + " failed: " + e.getMessage()
                    + (replaced ? "; the target was replaced, but reading it back to check it failed, so it is not known to hold the backup"
                    : "; the target was not changed (it is replaced in one transaction)"), "ferry backup verify " + dir + " checks the backup", e);
        } finally {
            progress.finish();
            deleteQuietly(copy);
        }
    }

    /**
     * {@code --clean}: refuses a target another process is writing to, takes a safety backup of what
     * it holds ({@code backups} null: none), then restores over it. There are no sessions to end: a
     * process that has the file open keeps it, and sees the restored content once it is committed.
     */
    RestoreResult clean(Path dir, Database target, FileBackup files, Path backups, Consumer<String> notes) {
        Manifest manifest = Manifest.read(dir);
        RestoreService.refuseOtherDialect(manifest, target);
        refuseWhileWritten(target, files);
        notes.accept(target.dialect().name() + " has no sessions to end: a process that has " + files.file(target).getFileName()
                + " open keeps it and sees the restored content once it is committed (one writing to it now would have made the restore refuse)");
        String safety = null;
        if (backups != null && tables(target) > 0) {
            safety = new BackupService(backups, 1, progress).backup(target).directory();
            notes.accept("safety backup of " + target.url().redacted() + " taken: " + safety);
        }
        FaultPoints.reach("restore.after-safety-backup");
        RestoreResult r = restore(dir, manifest, target, files);
        return new RestoreResult(r.backup(), r.url(), r.tables(), r.rows(), r.elapsedMs(), safety, List.of());
    }

    private static void refuseWhileWritten(Database target, FileBackup files) {
        try {
            if (files.writtenByAnother(target, LOCK_WAIT)) {
                throw locked(target);
            }
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "reading " + target.url().redacted() + " failed: " + e.getMessage() + "; nothing was changed", null, e);
        }
    }

    private static FerryException locked(Database target) {
        return new FerryException(ErrorCode.LOCKED, "another process is writing to " + target.url().redacted() + " (it holds the write lock for more than "
                + LOCK_WAIT.toSeconds() + " s); the restore refused to replace the database under it and changed nothing",
                "stop the program writing to it (or wait for it to finish), then run the restore again");
    }

    private static int tables(Database target) {
        try (Connection c = target.connect()) {
            return target.dialect().tables(c).size();
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "reading the tables of " + target.url().redacted() + " failed: " + e.getMessage(), null, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover copy beside the target is harmless, and the next restore overwrites it.
        }
    }
}
