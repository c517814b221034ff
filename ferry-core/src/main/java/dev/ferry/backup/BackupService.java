package dev.ferry.backup;

import com.github.luben.zstd.ZstdOutputStream;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.fault.FaultPoints;
import dev.ferry.report.Progress;
import dev.ferry.schema.model.SchemaModel;
import dev.ferry.spi.BulkCopy;
import dev.ferry.spi.Database;
import dev.ferry.spi.SchemaInspection;
import dev.ferry.spi.ServerInfo;
import dev.ferry.stream.StreamCount;
import dev.ferry.stream.TableParts;
import dev.ferry.stream.TableRef;
import dev.ferry.stream.TableStreams;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry backup}, native format: the schema as SQL and every table as a zstd-compressed
 * binary stream, all read from one snapshot by {@code jobs} sessions, with a manifest of each
 * table's rows, size and checksum. Written under a temporary name and renamed when complete, so a
 * crashed backup never looks like one.
 *
 * <pre>{@code
 * BackupResult r = new BackupService(Path.of("backups"), 2, progress).backup(database);
 * }</pre>
 */
public final class BackupService {
    static final String PRE_DATA = "schema.sql";
    static final String POST_DATA = "post-data.sql";
    static final String DATA = "data";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int ZSTD_LEVEL = 3;

    private final Path out;
    private final int jobs;
    private final Progress progress;

    public BackupService(Path out, int jobs, Progress progress) {
        this.out = out;
        this.jobs = Math.max(1, jobs);
        this.progress = progress;
    }

    public BackupResult backup(Database database) {
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String name = safe(database.url().database().or(() -> database.url().path().map(p -> Path.of(p).getFileName().toString())).orElse("db"))
                + "-" + STAMP.format(started);
        Path dir = unused(out, name);
        name = dir.getFileName().toString();
        Path partial = out.resolve("." + name + ".partial");
        java.util.Optional<dev.ferry.spi.FileBackup> file = database.dialect().capability(dev.ferry.spi.FileBackup.class);
        if (file.isPresent()) {
            return new FileBackups(progress).backup(database, file.get(), started, dir, partial);
        }
        BulkCopy bulk = database.dialect().require(BulkCopy.class, "take a native backup yet");
        SchemaInspection inspection = database.dialect().require(SchemaInspection.class, "take a native backup yet");
        try (TableStreams.Reader reader = TableStreams.reader(database, jobs)) {
            Files.createDirectories(partial.resolve(DATA));
            ServerInfo server = database.dialect().serverInfo(reader.connection());
            SchemaModel model = inspection.inspectSchema(reader.connection(), null);
            SchemaScripts scripts = SchemaScripts.of(model, EmptyDatabase.model(model), inspection.schemaSql(), bulk.sequencePositions(reader.connection()));
            Files.writeString(partial.resolve(PRE_DATA), scripts.preData());
            Files.writeString(partial.resolve(POST_DATA), scripts.postData());
            List<String> warnings = bulk.warnings(reader.connection());
            List<TableRef> parts = TableParts.of(reader.connection(), database.dialect(), model, jobs);
            String suffix = bulk.fileSuffix();
            long expected = TableParts.estimatedRows(reader.connection(), database.dialect(), model);
            Map<TableRef, StreamCount> counts = reader.read(parts, part -> open(partial.resolve(file(parts, part, suffix))), progress, expected);
            List<Manifest.TableEntry> entries = entries(parts, counts, suffix);
            Manifest manifest = new Manifest(version(), "native", database.dialect().name(), server.product() + " " + server.version(),
                    server.majorVersion(), database.url().database().orElse(null), database.url().redacted(), started.toString(),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), "xxh64-sum", entries, List.of(), warnings);
            complete(partial, dir, manifest, BackupReadme.text(manifest));
            return new BackupResult(dir.toString(), manifest);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "writing the backup under " + out + " failed: " + e.getMessage()
                    + "; the unfinished backup is " + partial + " (not a backup: delete it)", null, e);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "backing up " + database.url().redacted() + " failed: " + e.getMessage()
                    + "; the unfinished backup is " + partial + " (not a backup: delete it)", null, e);
        }
    }

    /** The manifest's tables: each table's parts with their counts, and the table's counts added up. */
    private static List<Manifest.TableEntry> entries(List<TableRef> parts, Map<TableRef, StreamCount> counts, String suffix) {
        Map<String, List<TableRef>> byTable = new java.util.LinkedHashMap<>();
        parts.forEach(p -> byTable.computeIfAbsent(p.qualifiedName(), k -> new ArrayList<>()).add(p));
        List<Manifest.TableEntry> entries = new ArrayList<>();
        byTable.forEach((name, ofTable) -> {
            StreamCount total = StreamCount.NONE;
            List<Manifest.Part> partEntries = new ArrayList<>();
            for (TableRef p : ofTable) {
                StreamCount c = counts.get(p);
                total = total.plus(c);
                partEntries.add(new Manifest.Part(file(parts, p, suffix), p.where(), c.rows(), c.bytes(), c.checksum()));
            }
            TableRef t = ofTable.get(0);
            entries.add(new Manifest.TableEntry(t.schema(), t.name(), t.columns(), total.rows(), total.bytes(), total.checksum(), partEntries));
        });
        return entries;
    }

    /** "data/0003-public.album.bin.zst": numbered, so two tables (or ranges) never share a file even where names differ only in case. */
    static String file(List<TableRef> parts, TableRef t, String suffix) {
        return DATA + "/" + String.format("%04d", parts.indexOf(t) + 1) + "-" + safe(t.qualifiedName()) + suffix + ".zst";
    }

    private static OutputStream open(Path file) throws IOException {
        ZstdOutputStream zstd = new ZstdOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), ZSTD_LEVEL);
        zstd.setChecksum(true);
        return zstd;
    }

    /**
     * Ends a backup written under {@code partial}: its manifest and README, then one atomic rename to
     * {@code dir}. Until that rename it is not a backup: a crash before it leaves only the
     * {@code .partial} directory, which no listing, restore or verification takes for one.
     */
    static void complete(Path partial, Path dir, Manifest manifest, String readme) throws IOException {
        manifest.write(partial);
        Files.writeString(partial.resolve("README.txt"), readme);
        FaultPoints.reach("backup.before-rename");
        Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code out/name}, or {@code name-2}, {@code -3} … when a backup (or an unfinished one) of the same second has it. */
    static Path unused(Path out, String name) {
        Path dir = out.resolve(name);
        for (int n = 2; Files.exists(dir) || Files.exists(out.resolve("." + dir.getFileName() + ".partial")); n++) {
            dir = out.resolve(name + "-" + n);
        }
        return dir;
    }

    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static String version() {
        String v = BackupService.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
