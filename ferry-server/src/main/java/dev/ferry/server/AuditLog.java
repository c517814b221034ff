package dev.ferry.server;

import dev.ferry.report.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Who ran what, when, with what result: one JSON line per job start and end, appended to the audit
 * file and said on the server's log. Keys appear by their name only; every line passes the run's
 * secret mask.
 *
 * <pre>{"at":"2026-11-29T20:01:02Z","event":"ended","job":"3fa2…","what":"data run D2","key":"ops","from":"127.0.0.1","state":"completed","elapsedMs":5012}</pre>
 */
final class AuditLog {
    private final Path file;
    private final Consumer<String> log;

    /** @param file the JSON-lines file, made with its directory when missing; null keeps the audit in the server's log only */
    AuditLog(Path file, Consumer<String> log) {
        this.file = file;
        this.log = log;
    }

    void started(Job job) {
        write(job, "started", null);
        log.accept("job " + job.id() + " started: " + job.title() + " by key " + job.keyName() + " from " + job.address());
    }

    void ended(Job job) {
        Map<String, Object> view = job.view(false);
        try {
            write(job, "ended", view);
        } catch (UncheckedIOException e) {
            log.accept("the audit log " + file + " could not record the end of job " + job.id() + ": " + e.getCause().getMessage());
        }
        Object error = job.error() == null ? null : job.error().get("message");
        log.accept("job " + job.id() + " " + view.get("state") + " after " + view.get("elapsedMs") + " ms: " + job.title() + " by key "
                + job.keyName() + (error == null ? "" : ": " + error));
    }

    private synchronized void write(Job job, String event, Map<String, Object> ended) {
        if (file == null) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", Instant.now().toString());
        line.put("event", event);
        line.put("job", job.id());
        line.put("what", job.title());
        line.put("key", job.keyName());
        line.put("from", job.address());
        if (ended != null) {
            line.put("state", ended.get("state"));
            line.put("elapsedMs", ended.get("elapsedMs"));
            line.put("error", job.error() == null ? null : job.error().get("message"));
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Json.writeLine(line) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit log " + file, e);
        }
    }
}
