package dev.ferry.backup;

import dev.ferry.error.FerryException;
import dev.ferry.report.Progress;
import dev.ferry.spi.Database;
import dev.ferry.stream.KeyRanges;
import dev.ferry.stream.StreamCount;
import dev.ferry.stream.TableRef;
import dev.ferry.stream.TableStreams;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry backup verify}: restores the backup into a scratch database, reads every table
 * back, and compares rows and checksums with the manifest; records the outcome in the manifest.
 */
public final class VerifyService {
    private final int jobs;
    private final Progress progress;

    public VerifyService(int jobs, Progress progress) {
        this.jobs = Math.max(1, jobs);
        this.progress = progress;
    }

    /** @param scratch an empty database, used and left to the caller to drop */
    public VerifyResult verify(Path dir, Database scratch) {
        Manifest manifest = Manifest.read(dir);
        List<VerifyResult.TableCheck> checks = new ArrayList<>();
        String problem = null;
        try {
            new RestoreService(jobs, progress).restore(dir, scratch);
            List<TableRef> parts = List.copyOf(RestoreService.parts(manifest).keySet());
            Map<String, StreamCount> counts;
            try (TableStreams.Reader reader = TableStreams.reader(scratch, jobs)) {
                counts = KeyRanges.perTable(reader.read(parts, t -> OutputStream.nullOutputStream(), progress));
            }
            for (Manifest.TableEntry t : manifest.tables()) {
                StreamCount c = counts.get(t.qualifiedName());
                checks.add(new VerifyResult.TableCheck(t.qualifiedName(), t.rows(), c == null ? -1 : c.rows(), t.checksum(),
                        c == null ? null : c.checksum()));
            }
        } catch (FerryException e) {
            problem = e.getMessage();
        }
        List<String> differences = new ArrayList<>();
        if (problem != null) {
            differences.add(problem);
        }
        checks.stream().filter(c -> !c.matches()).forEach(c -> differences.add(c.table() + " differs"));
        manifest.withVerification(new Manifest.Verification(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), scratch.url().redacted(),
                differences.isEmpty(), differences)).write(dir);
        return new VerifyResult(dir.toString(), scratch.url().redacted(), checks, problem);
    }
}
