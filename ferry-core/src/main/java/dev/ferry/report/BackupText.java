package dev.ferry.report;

import dev.ferry.backup.BackupListing;
import dev.ferry.backup.BackupResult;
import dev.ferry.backup.Manifest;
import dev.ferry.backup.RestoreResult;
import dev.ferry.backup.VerifyResult;

import java.util.List;
import java.util.stream.Collectors;

/** Backups, verifications and restores for a terminal. */
public final class BackupText {
    private BackupText() {
    }

    public static String backup(BackupResult r, Ansi ansi) {
        Manifest m = r.manifest();
        long rows = m.tables().stream().mapToLong(Manifest.TableEntry::rows).sum();
        long bytes = m.tables().stream().mapToLong(Manifest.TableEntry::bytes).sum();
        return ansi.green("Backed up") + " " + m.url() + " (" + m.server() + "): " + m.tables().size() + " tables, " + rows + " rows, "
                + Formats.bytes(bytes) + " of data, from one snapshot, into "
                + r.directory() + "\n" + m.warnings().stream().map(w -> "  " + ansi.yellow("warning") + ": " + w + "\n").collect(Collectors.joining());
    }

    public static String verify(VerifyResult r, Ansi ansi) {
        TextTable t = new TextTable("table", "rows (manifest)", "rows (restored)", "checksum", "").rightAlign(1, 2);
        for (VerifyResult.TableCheck c : r.tables()) {
            t.row(c.table(), String.valueOf(c.manifestRows()), c.restoredRows() < 0 ? "-" : String.valueOf(c.restoredRows()),
                    c.manifestChecksum().equals(c.restoredChecksum()) ? "equal" : "differs", c.matches() ? ansi.green("ok") : ansi.red("DIFFERS"));
        }
        StringBuilder sb = new StringBuilder(r.tables().isEmpty() ? "" : t.render() + "\n");
        if (r.problem() != null) {
            sb.append(ansi.red("problem: ")).append(r.problem()).append('\n');
        }
        return sb.append(r.passed() ? ansi.green("Verified") + ": " + r.backup() + " restores into a scratch database with every count and checksum as in its manifest.\n"
                : ansi.red("Verification failed") + ": " + r.backup() + " does not restore to what its manifest says; do not rely on it.\n").toString();
    }

    public static String restore(RestoreResult r, Ansi ansi) {
        StringBuilder sb = new StringBuilder();
        if (r.safetyBackup() != null) {
            sb.append("  safety backup of what the target held: ").append(r.safetyBackup()).append('\n');
        }
        if (!r.sessionsEnded().isEmpty()) {
            sb.append("  ended ").append(r.sessionsEnded().size()).append(r.sessionsEnded().size() == 1 ? " session" : " sessions").append(" on the target\n");
        }
        return sb.append(ansi.green("Restored")).append(" ").append(r.backup()).append(" into ").append(r.url()).append(": ").append(r.tables())
                .append(" tables, ").append(r.rows()).append(" rows, each table's count and checksum equal to the manifest (")
                .append(Formats.millis(r.elapsedMs())).append(").\n").toString();
    }

    /** One line a backup: name, age, size, format, and whether its last verification passed. */
    public static String list(List<BackupListing> backups, Ansi ansi) {
        if (backups.isEmpty()) {
            return "No backups.\n";
        }
        TextTable t = new TextTable("backup", "taken (UTC)", "tables", "rows", "size", "format", "verified").rightAlign(2, 3, 4);
        for (BackupListing b : backups) {
            t.row(b.name(), b.takenAt(), String.valueOf(b.tables()), String.valueOf(b.rows()), Formats.bytes(b.sizeOnDisk()), b.format(),
                    b.verified() == null ? "never" : b.verified() ? ansi.green("yes") : ansi.red("FAILED"));
        }
        return t.render() + "\n";
    }
}
