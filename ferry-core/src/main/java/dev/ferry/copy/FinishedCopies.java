package dev.ferry.copy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.fault.FaultPoints;
import dev.ferry.report.Progress;
import dev.ferry.spi.Database;
import dev.ferry.spi.TableStats;
import dev.ferry.stream.StreamCount;
import dev.ferry.stream.TableRef;
import dev.ferry.stream.TableStreams;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The last copy that finished into a target, recorded in the workspace ({@code .ferry/copies}) just
 * before the target's {@code ferry_copy_state} is dropped. A copy killed after that drop and before
 * it said so leaves a full target with no checkpoints; {@code --resume} then finds this record and,
 * when the target still holds what the copy loaded (every table counted, and read back with its
 * checksum between two PostgreSQL databases), finishes with nothing copied again instead of
 * refusing a target that is not empty. A target that differs from the record is refused as before.
 */
final class FinishedCopies {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** One table as loaded: how to read it back, its rows and the checksum of what the source sent. */
    record LoadedTable(String schema, String name, List<String> columns, long rows, String checksum) {
    }

    /**
     * A finished copy.
     *
     * @param checksums whether the target reads back with the source's checksum (PostgreSQL into PostgreSQL)
     */
    record Finished(String mode, List<String> tables, Instant finishedAt, boolean checksums, List<LoadedTable> loaded, CopyResult result) {
    }

    private final Path dir;

    FinishedCopies(Path dir) {
        this.dir = dir;
    }

    /**
     * How every copy ends: recorded here, then its checkpoints dropped from the target. A kill between
     * the two leaves the checkpoints, which a --resume finishes from; a kill after both, the record.
     */
    static CopyResult finish(CopyOptions options, Connection target, Database to, String mode, boolean checksums, List<CopyState.Part> parts,
                             CopyResult result) throws SQLException {
        new FinishedCopies(options.finishedDir()).record(to, mode, options.tables(), checksums, parts, result);
        target.setAutoCommit(true);
        CopyState.drop(target);
        FaultPoints.reach("copy.after-finish"); // the target is whole and has no checkpoints: --resume finds it by the record
        return result;
    }

    /**
     * With {@code --resume} and no checkpoints on the target: the copy recorded as finished, when the
     * target still holds what it loaded (see {@link #stillThere}); empty otherwise, and without --resume.
     */
    static Optional<CopyResult> alreadyDone(CopyOptions options, Connection target, Database to, String from, String mode, long started,
                                            Consumer<String> note, List<String> said) throws SQLException {
        return options.resume() ? new FinishedCopies(options.finishedDir()).stillThere(target, to, from, mode, options.tables(), options.jobs(),
                started, note, said) : Optional.empty();
    }

    /** Records {@code result} as the copy into {@code to}, forced to disk; called before the checkpoints are dropped. */
    void record(Database to, String mode, List<String> tables, boolean checksums, List<CopyState.Part> parts, CopyResult result) {
        List<CopyState.Part> done = parts.stream().filter(CopyState.Part::done).toList();
        if (done.isEmpty()) {
            return; // a schema alone: nothing a count or a checksum could confirm
        }
        List<LoadedTable> loaded = new ArrayList<>();
        CopyState.byTable(done).forEach((name, ofTable) -> {
            TableRef t = ofTable.get(0).table();
            StreamCount total = ofTable.stream().map(CopyState.Part::copied).reduce(StreamCount.NONE, StreamCount::plus);
            loaded.add(new LoadedTable(t.schema(), t.name(), t.columns(), total.rows(), total.checksum()));
        });
        Finished finished = new Finished(mode, tables, Instant.now(), checksums, loaded, result);
        Path file = file(to);
        try {
            Files.createDirectories(dir);
            Path temporary = dir.resolve("." + file.getFileName() + ".part");
            Files.write(temporary, JSON.writeValueAsBytes(finished));
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "cannot record the finished copy in " + file + ": " + e.getMessage()
                    + "; the target keeps its checkpoints", "make " + dir + " writable, then run the same ferry copy with --resume", e);
        }
    }

    /**
     * With {@code --resume} and no checkpoints on the target: the copy recorded as finished from
     * {@code from} into {@code to}, asked for the same way, when the target still holds what it loaded.
     * Empty when there is no such record or the target differs from it (said in {@code note}).
     */
    Optional<CopyResult> stillThere(Connection target, Database to, String from, String mode, List<String> tables, int jobs, long started,
                                    Consumer<String> note, List<String> said) throws SQLException {
        Optional<Finished> recorded = read(to, note).filter(f -> f.result().from().equals(from) && f.mode().equals(mode) && f.tables().equals(tables));
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        Finished f = recorded.get();
        List<String> differences = counted(target, to, f.loaded());
        if (differences.isEmpty() && f.checksums()) {
            differences.addAll(readBack(to, f.loaded(), jobs));
        }
        if (!differences.isEmpty()) {
            note.accept("a copy from " + from + " finished into " + to.url().redacted() + " at " + f.finishedAt() + ", but the target no longer holds"
                    + " what it loaded (" + String.join("; ", differences) + ")");
            return Optional.empty();
        }
        long rows = f.loaded().stream().mapToLong(LoadedTable::rows).sum();
        note.accept("the copy from " + from + " into " + to.url().redacted() + " had already finished at " + f.finishedAt() + " (its checkpoints were"
                + " dropped as it ended); the target still holds its " + rows + " rows, " + (f.checksums() ? "counted and read back with the"
                + " source's checksums" : "every table counted") + ": nothing was copied again");
        List<CopyResult.TableCopy> kept = f.result().tables().stream().map(t -> new CopyResult.TableCopy(t.table(), t.rows(), t.checksum(),
                t.parts(), t.parts(), t.zeroDates(), t.rejected(), t.quarantined(), 0)).toList();
        return Optional.of(new CopyResult(f.result().from(), f.result().to(), kept, f.result().rows(), (System.nanoTime() - started) / 1_000_000,
                true, f.checksums() ? "checksums" : f.result().verified(), said));
    }

    private static List<String> counted(Connection target, Database to, List<LoadedTable> loaded) {
        List<String> differences = new ArrayList<>();
        for (LoadedTable t : loaded) {
            try {
                long there = to.dialect().countRows(target, new TableStats(t.schema(), t.name(), 0, 0, 0));
                if (there != t.rows()) {
                    differences.add(label(t) + ": " + there + " rows, where " + t.rows() + " were copied");
                }
            } catch (SQLException e) {
                differences.add(label(t) + ": cannot be counted (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
        }
        return differences;
    }

    private static List<String> readBack(Database to, List<LoadedTable> loaded, int jobs) {
        List<TableRef> refs = loaded.stream().map(t -> new TableRef(t.schema(), t.name(), t.columns())).toList();
        Map<TableRef, StreamCount> back;
        try (TableStreams.Reader reader = TableStreams.reader(to, jobs)) {
            back = reader.read(refs, t -> OutputStream.nullOutputStream(), Progress.NONE);
        }
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < loaded.size(); i++) {
            StreamCount read = back.get(refs.get(i));
            if (!read.checksum().equals(loaded.get(i).checksum())) {
                differences.add(label(loaded.get(i)) + ": reads back with checksum " + read.checksum() + ", where the source sent " + loaded.get(i).checksum());
            }
        }
        return differences;
    }

    /** The record of the last copy into {@code to}; one that cannot be read is passed over, said in {@code note}: the target is then judged as if there were none. */
    private Optional<Finished> read(Database to, Consumer<String> note) {
        Path file = file(to);
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(file), Finished.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            note.accept(file + ", the record of the last copy into " + to.url().redacted() + ", cannot be read (" + e.getMessage().lines().findFirst()
                    .orElse("") + "): passed over");
            return Optional.empty();
        }
    }

    /** One file per target database, named by a hash of the target's identity (no credentials). */
    private Path file(Database to) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(to.url().identity().getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(hash, 0, 8) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String label(LoadedTable t) {
        return t.schema() == null ? t.name() : t.schema() + "." + t.name();
    }
}
