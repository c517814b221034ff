package dev.ferry.backup;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.fault.FaultPoints;
import dev.ferry.report.Progress;
import dev.ferry.spi.BulkCopy;
import dev.ferry.spi.Database;
import dev.ferry.spi.DatabaseReplacement;
import dev.ferry.spi.SessionControl;
import dev.ferry.spi.SessionInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code ferry restore DIR --clean}: the target replaced by the backup, in an order that never loses
 * what it held. First a safety backup of the target, then its other sessions ended (and named), then
 * dropped, created again and restored, each table checked against the manifest. A journal written
 * before each step lets the next run say exactly where a killed run stopped; that run keeps the first
 * safety backup rather than backing up a half-restored target over it.
 */
public final class CleanRestore {
    private final int jobs;
    private final Progress progress;
    private final Path backups;
    private final Path journals;
    private final boolean safetyBackup;
    private final Consumer<String> notes;

    /**
     * @param backups  where the safety backup goes
     * @param journals where the journal of each target is kept ({@code .ferry/restores})
     * @param notes    told what was found and done, as it happens (a killed earlier run, sessions ended)
     */
    public CleanRestore(int jobs, Progress progress, Path backups, Path journals, boolean safetyBackup, Consumer<String> notes) {
        this.jobs = jobs;
        this.progress = progress;
        this.backups = backups;
        this.journals = journals;
        this.safetyBackup = safetyBackup;
        this.notes = notes;
    }

    public RestoreResult restore(Path dir, Database target) {
        Optional<dev.ferry.spi.FileBackup> file = target.dialect().capability(dev.ferry.spi.FileBackup.class);
        if (file.isPresent()) {
            return new FileRestore(progress).clean(dir, target, file.get(), safetyBackup ? backups : null, notes);
        }
        Manifest.read(dir);
        String name = target.url().database().orElseThrow(() -> new FerryException(ErrorCode.USAGE, "restore --clean needs the target's database in the URL",
                "name it: --url " + target.url().redacted() + "/DB"));
        DatabaseReplacement replacement = target.dialect().require(DatabaseReplacement.class, "drop and recreate a database for restore --clean");
        SessionControl sessions = target.dialect().require(SessionControl.class, "end the sessions of a database for restore --clean");
        try (Database maintenance = target.dialect().open(target.url().withDatabase(replacement.maintenanceDatabase(name)))) {
            Optional<RestoreJournal> earlier = RestoreJournal.read(journals, target.url().redacted());
            boolean exists = exists(maintenance, replacement, name);
            earlier.ifPresent(j -> notes.accept(j.describe(exists, exists ? tables(target) : 0)));
            if (exists && earlier.isEmpty()) {
                refuseToLoseWhatNoBackupHolds(target);
            }
            RestoreJournal journal = keepOrTakeSafetyBackup(dir, target, earlier, exists);
            FaultPoints.reach("restore.after-safety-backup");
            List<String> ended = endSessions(maintenance, sessions, name);
            journal = journal.at("sessions-ended").write(journals);
            FaultPoints.reach("restore.after-terminate");
            replace(maintenance, replacement, name, journal);
            journal.at("restoring").write(journals);
            RestoreResult restored = new RestoreService(jobs, progress).restore(dir, target);
            FaultPoints.reach("restore.before-journal-cleared");
            journal.delete(journals);
            return new RestoreResult(restored.backup(), restored.url(), restored.tables(), restored.rows(), restored.elapsedMs(),
                    journal.safetyBackup(), ended);
        }
    }

    /**
     * Objects of the target no backup of Ferry's holds (MariaDB's views, triggers, routines, events)
     * would be dropped with the database and could not come back from the safety backup: refused,
     * unless --no-safety-backup says the user keeps nothing of the target anyway.
     */
    private void refuseToLoseWhatNoBackupHolds(Database target) {
        Optional<BulkCopy> bulk = target.dialect().capability(BulkCopy.class);
        if (bulk.isEmpty()) {
            return;
        }
        List<String> lost;
        try (Connection c = target.connect()) {
            lost = bulk.get().notBackedUp(c);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "reading what " + target.url().redacted() + " holds failed: " + e.getMessage()
                    + "; the target was not changed", null, e);
        }
        if (lost.isEmpty()) {
            return;
        }
        if (!safetyBackup) {
            notes.accept("dropped with the database and kept nowhere (--no-safety-backup): " + String.join("; ", lost));
            return;
        }
        throw new FerryException(ErrorCode.USAGE, "restore --clean refused: " + target.url().redacted() + " holds " + String.join("; ", lost)
                + ", which the safety backup cannot hold, so dropping the database would lose them; nothing was changed",
                "save them first (mariadb-dump --no-data --routines --triggers --events DB > objects.sql), then run again with"
                        + " --no-safety-backup to replace the database (Ferry then keeps nothing of what it held)");
    }

    /** The safety backup of an earlier, killed run when there is one (the target may now hold its partial restore), else a new one. */
    private RestoreJournal keepOrTakeSafetyBackup(Path dir, Database target, Optional<RestoreJournal> earlier, boolean exists) {
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        if (earlier.isPresent() && earlier.get().safetyBackup() != null && Files.isDirectory(Path.of(earlier.get().safetyBackup()))) {
            notes.accept("keeping that run's safety backup " + earlier.get().safetyBackup() + "; the target is not backed up again");
            return earlier.get();
        }
        RestoreJournal journal = new RestoreJournal(dir.toString(), target.url().redacted(), null, "safety-backup", started).write(journals);
        if (!safetyBackup || !exists || (earlier.isPresent() && !earlier.get().step().equals("safety-backup")) || tables(target) == 0) {
            return journal;
        }
        BackupResult safety = new BackupService(backups, jobs, progress).backup(target);
        notes.accept("safety backup of " + target.url().redacted() + " taken: " + safety.directory());
        return journal.withSafetyBackup(safety.directory()).write(journals);
    }

    private List<String> endSessions(Database maintenance, SessionControl sessions, String name) {
        try (Connection c = maintenance.connect()) {
            List<String> ended = new ArrayList<>();
            for (SessionInfo s : sessions.terminateOtherSessions(c, name)) {
                ended.add(s.describe());
            }
            if (!ended.isEmpty()) {
                notes.accept("ended " + ended.size() + (ended.size() == 1 ? " session" : " sessions") + " on " + name + ": " + String.join("; ", ended));
            }
            return ended;
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "ending the sessions on " + name + " failed: " + e.getMessage() + "; the target was not changed", null, e);
        }
    }

    private void replace(Database maintenance, DatabaseReplacement replacement, String name, RestoreJournal journal) {
        try (Connection c = maintenance.connect()) {
            journal.at("dropping").write(journals);
            replacement.drop(c, name);
            journal.at("dropped").write(journals);
            FaultPoints.reach("restore.after-drop");
            replacement.create(c, name);
            journal.at("created").write(journals);
            FaultPoints.reach("restore.after-create");
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "replacing " + name + " failed: " + e.getMessage()
                    + (journal.safetyBackup() == null ? "" : "; the safety backup is " + journal.safetyBackup()),
                    "run ferry restore " + journal.backup() + " --clean again; it says where this run stopped", e);
        }
    }

    private static boolean exists(Database maintenance, DatabaseReplacement replacement, String name) {
        try (Connection c = maintenance.connect()) {
            return replacement.exists(c, name);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "looking for " + name + " on " + maintenance.url().redacted() + " failed: " + e.getMessage(), null, e);
        }
    }

    private static int tables(Database target) {
        try (Connection c = target.connect()) {
            return target.dialect().tables(c).size();
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "reading the tables of " + target.url().redacted() + " failed: " + e.getMessage(), null, e);
        }
    }
}
