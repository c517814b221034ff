package dev.ferry.backup;

import dev.ferry.error.FerryException;
import dev.ferry.report.Progress;
import dev.ferry.spi.Database;
import dev.ferry.stream.StreamCount;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry backup verify}: restores the backup into a scratch database, counting and hashing
 * the rows each table took as they load (the server's own row count of each COPY included), compares
 * them with the manifest, then applies the constraints and indexes; records the outcome in the manifest.
 */
public final class VerifyService {
    private final int jobs;
    private final Progress progress;
    private final ClientTools tools;

    public VerifyService(int jobs, Progress progress) {
        this(jobs, progress, new ClientTools(System.getenv()));
    }

    /** @param tools where a pg_dump backup's pg_restore is found */
    public VerifyService(int jobs, Progress progress, ClientTools tools) {
        this.jobs = Math.max(1, jobs);
        this.progress = progress;
        this.tools = tools;
    }

    /** @param scratch an empty database, used and left to the caller to drop */
    public VerifyResult verify(Path dir, Database scratch) {
        Manifest manifest = Manifest.read(dir);
        java.util.Optional<dev.ferry.spi.FileBackup> file = FileBackups.of(scratch.dialect(), manifest);
        if (file.isPresent()) {
            return FileVerify.verify(dir, manifest, scratch, file.get());
        }
        List<VerifyResult.TableCheck> checks = new ArrayList<>();
        String problem = null;
        try {
            // The rows and checksum of what the scratch server took from each stream, counted as it loaded: no second read.
            RestoreService restore = new RestoreService(jobs, progress, tools);
            boolean dump = DumpBackup.isDump(manifest);
            Map<String, StreamCount> counts = dump ? restore.loadDump(dir, scratch, manifest, true) : restore.loadData(dir, scratch, manifest);
            for (Manifest.TableEntry t : manifest.tables()) {
                StreamCount c = counts.get(t.qualifiedName());
                checks.add(new VerifyResult.TableCheck(t.qualifiedName(), t.rows(), c == null ? -1 : c.rows(), t.checksum(),
                        c == null ? null : c.checksum()));
            }
            if (!dump && checks.stream().allMatch(VerifyResult.TableCheck::matches)) {
                restore.postData(dir, scratch, manifest);
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
