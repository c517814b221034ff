package dev.ferry.backup;

import dev.ferry.error.FerryException;
import dev.ferry.spi.Database;
import dev.ferry.spi.FileBackup;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code ferry backup verify} of a file backup ({@link FileBackup}, SQLite): the backup's file
 * decompressed into the scratch database's file, its structure checked, every table counted and
 * hashed again and compared with the manifest; the outcome recorded in the manifest.
 */
final class FileVerify {
    private FileVerify() {
    }

    /** Decompresses the backup into {@code scratch}'s file and compares what it holds with the manifest; records the outcome. */
    static VerifyResult verify(Path dir, Manifest manifest, Database scratch, FileBackup files) {
        Map<String, FileBackup.TableContents> found = Map.of();
        List<String> differences = new ArrayList<>();
        String problem = null;
        try {
            Path file = files.file(scratch);
            FileBackups.decompress(dir, files, file);
            List<String> problems = files.integrityProblems(file);
            if (problems.isEmpty()) {
                List<FileBackup.TableContents> tables = files.tables(file);
                found = tables.stream().collect(Collectors.toMap(FileBackup.TableContents::name, Function.identity()));
                differences.addAll(FileBackups.unlisted(manifest, tables));
            } else {
                problem = "the database file in the backup is damaged: " + String.join("; ", problems);
            }
        } catch (FerryException e) {
            problem = e.getMessage();
        } catch (SQLException e) {
            problem = "the database file in the backup cannot be read: " + e.getMessage();
        }
        List<VerifyResult.TableCheck> checks = new ArrayList<>();
        for (Manifest.TableEntry t : manifest.tables()) {
            FileBackup.TableContents c = found.get(t.name());
            checks.add(new VerifyResult.TableCheck(t.qualifiedName(), t.rows(), c == null ? -1 : c.rows(), t.checksum(), c == null ? null : c.checksum()));
        }
        if (problem == null && !differences.isEmpty()) {
            problem = String.join("; ", differences);
        }
        List<String> recorded = new ArrayList<>(problem == null ? List.of() : List.of(problem));
        checks.stream().filter(c -> !c.matches()).forEach(c -> recorded.add(c.table() + " differs"));
        manifest.withVerification(new Manifest.Verification(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), scratch.url().redacted(),
                recorded.isEmpty(), recorded)).write(dir);
        return new VerifyResult(dir.toString(), scratch.url().redacted(), checks, problem);
    }

}
