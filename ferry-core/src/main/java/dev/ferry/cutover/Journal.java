package dev.ferry.cutover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A run's journal, {@code .ferry/runs/<id>/journal.jsonl}: one JSON line written and forced to disk
 * before each step starts and after it ends, so that a run killed at any moment leaves a record that
 * {@code --resume} can trust. A torn last line (the kill came mid-write) is ignored. The step logs go
 * beside it, in {@code log.txt}.
 */
final class Journal {
    static final String FILE = "journal.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line of the journal. */
    record Entry(Instant at, String event, String phase, String step, Map<String, Object> outputs, String summary, String error, String state) {
    }

    private final Path dir;
    private final List<Entry> entries;

    private Journal(Path dir, List<Entry> entries) {
        this.dir = dir;
        this.entries = entries;
    }

    /** A new run's journal in {@code runs/<id>}, its first line naming the plan and its checksum. */
    static Journal start(Path runs, String id, Plan plan) {
        Path dir = runs.resolve(id);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.CONFIG, "cannot create the run's journal directory " + dir + ": " + e.getMessage(), "is the workspace writable?");
        }
        Journal journal = new Journal(dir, new ArrayList<>());
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", Instant.now().toString());
        line.put("event", "run");
        line.put("plan", plan.file().toString());
        line.put("checksum", plan.checksum());
        journal.append(line);
        return journal;
    }

    /** The latest run of {@code plan} under {@code runs} that has not finished (completed or rolled back), if any. */
    static Optional<Journal> latest(Path runs, Plan plan) {
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve(FILE))).sorted(Comparator.reverseOrder()).toList()) {
                Journal journal = read(dir);
                if (plan.file().toString().equals(journal.planFile())) {
                    return Optional.of(journal);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.empty();
    }

    private static Journal read(Path dir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        String planFile = null;
        String checksum = null;
        for (String line : Files.readAllLines(dir.resolve(FILE), StandardCharsets.UTF_8)) {
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException torn) {
                break; // the last line, cut by a kill mid-write
            }
            if (node == null || !node.isObject()) {
                break;
            }
            if (node.path("event").asText().equals("run")) {
                planFile = node.path("plan").asText();
                checksum = node.path("checksum").asText();
            }
            entries.add(new Entry(Instant.parse(node.path("at").asText()), node.path("event").asText(), text(node, "phase"), text(node, "step"),
                    node.has("outputs") ? JSON.convertValue(node.get("outputs"), Map.class) : Map.of(), text(node, "summary"), text(node, "error"),
                    text(node, "state")));
        }
        Journal journal = new Journal(dir, entries);
        journal.planFile = planFile;
        journal.checksum = checksum;
        return journal;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private String planFile;
    private String checksum;

    String id() {
        return dir.getFileName().toString();
    }

    Path dir() {
        return dir;
    }

    String planFile() {
        return planFile;
    }

    String checksum() {
        return checksum;
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** How the run finished, when it did: completed, failed, rolled-back or rollback-incomplete. */
    Optional<String> finished() {
        return entries.stream().filter(e -> e.event().equals("finished")).reduce((a, b) -> b).map(Entry::state);
    }

    /** The last entry about a step of a phase, if any. */
    Optional<Entry> last(String phase, String step) {
        Entry found = null;
        for (Entry e : entries) {
            if (phase.equals(e.phase()) && step.equals(e.step())) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }

    boolean rollbackStarted() {
        return entries.stream().anyMatch(e -> e.event().equals("rollback"));
    }

    void started(String phase, Step step) {
        append(line("started", phase, step.id()));
    }

    void ended(String phase, Step step, StepActions.StepResult result) {
        Map<String, Object> line = line("ended", phase, step.id());
        line.put("outputs", result.outputs());
        line.put("summary", result.summary());
        append(line);
    }

    void failed(String phase, Step step, String error) {
        Map<String, Object> line = line("failed", phase, step.id());
        line.put("error", error);
        append(line);
    }

    void rollback(String because) {
        Map<String, Object> line = line("rollback", null, null);
        line.put("error", because);
        append(line);
    }

    void finish(String state) {
        Map<String, Object> line = line("finished", null, null);
        line.put("state", state);
        append(line);
    }

    /** One line of a step's log, in log.txt beside the journal (not forced: the journal is what resumes). */
    void log(String line) {
        try {
            Files.writeString(dir.resolve("log.txt"), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String logText() {
        try {
            Path log = dir.resolve("log.txt");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> line(String event, String phase, String step) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", Instant.now().toString());
        line.put("event", event);
        line.put("phase", phase);
        line.put("step", step);
        return line;
    }

    private void append(Map<String, Object> line) {
        try (FileChannel channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "cannot write the run's journal " + dir.resolve(FILE) + ": " + e.getMessage(),
                    "a run that cannot keep its journal stops: free disk space, then ferry run --resume");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> outputs = (Map<String, Object>) line.getOrDefault("outputs", Map.of());
        entries.add(new Entry(Instant.parse((String) line.get("at")), (String) line.get("event"), (String) line.get("phase"), (String) line.get("step"),
                outputs, (String) line.get("summary"), (String) line.get("error"), (String) line.get("state")));
    }
}
