package dev.ferry.backup;

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
import java.util.Optional;

/**
 * Where a {@code restore --clean} of one target stands, written to disk before each step that
 * changes the target, so that a run killed at any moment is followed by one that says exactly what
 * state the target is in and where the safety backup is.
 *
 * @param step          the last step begun: safety-backup, sessions-ended, dropping, dropped, created, restoring
 * @param safetyBackup  the backup taken of the target before it was touched, or null when there was nothing to keep
 */
public record RestoreJournal(String backup, String target, String safetyBackup, String step, String startedAt) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    RestoreJournal at(String nextStep) {
        return new RestoreJournal(backup, target, safetyBackup, nextStep, startedAt);
    }

    RestoreJournal withSafetyBackup(String dir) {
        return new RestoreJournal(backup, target, dir, step, startedAt);
    }

    static Path file(Path dir, String targetUrl) {
        return dir.resolve(BackupService.safe(targetUrl) + ".json");
    }

    static Optional<RestoreJournal> read(Path dir, String targetUrl) {
        Path file = file(dir, targetUrl);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), RestoreJournal.class));
        } catch (IOException e) {
            throw new FerryException(ErrorCode.CONFIG, file + " (the journal of an earlier restore) cannot be read: " + e.getMessage(),
                    "look at it, then delete it once you know what state the target is in", e);
        }
    }

    /** Writes the journal and forces it to disk before the step it names begins. */
    RestoreJournal write(Path dir) {
        try {
            Files.createDirectories(dir);
            Path temporary = dir.resolve(".journal.part");
            Files.write(temporary, JSON.writeValueAsBytes(this));
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, file(dir, target), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return this;
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "cannot write the restore journal under " + dir + ": " + e.getMessage()
                    + "; nothing more was done", "make " + dir + " writable", e);
        }
    }

    void delete(Path dir) {
        try {
            Files.deleteIfExists(file(dir, target));
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "the restore finished, but its journal " + file(dir, target) + " could not be deleted: "
                    + e.getMessage(), "delete it by hand", e);
        }
    }

    /** What the target is, judged by the step this journal stopped at and by what is there now. */
    String describe(boolean targetExists, int tables) {
        String state = switch (step) {
            case "safety-backup" -> "it stopped while taking the safety backup: the target was not changed";
            case "sessions-ended" -> "it stopped after ending the target's other sessions, before dropping it: the target is as it was";
            case "dropping" -> "it stopped while dropping the target: " + (targetExists ? "the target still exists, as it was" : "the target is gone");
            case "dropped" -> "the target was dropped and not created again: " + (targetExists ? "it exists now (someone created it)" : "it does not exist");
            case "created" -> "the target was dropped and created again empty; the restore did not start";
            case "restoring" -> "the target was dropped and the restore did not finish: it holds a partial restore (" + tables
                    + (tables == 1 ? " table" : " tables") + "), not the backup";
            default -> "it stopped at step '" + step + "'";
        };
        return "an earlier restore of " + backup + " into " + target + " (started " + startedAt + ") did not finish: " + state
                + (safetyBackup == null ? "; there was nothing to keep, so no safety backup was taken" : "; the safety backup of what the target held is " + safetyBackup);
    }
}
