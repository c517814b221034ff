package dev.ferry.server;

import dev.ferry.error.FerryException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One piece of long work started over HTTP: its state, progress, log and result. Every change is also
 * an {@link Event}, numbered from 0, which {@code GET /api/jobs/{id}/events} streams; a client that
 * reconnects with Last-Event-ID goes on where it stopped.
 */
final class Job implements JobOutput {
    /** Lines kept in a job's log; a longer log keeps its first lines and says how many it left out. */
    static final int MAX_LOG_LINES = 5_000;
    private static final long PROGRESS_EVERY_NANOS = Duration.ofMillis(200).toNanos();

    enum State { RUNNING, COMPLETED, FAILED }

    /** One thing that happened to the job: a log line, progress, or its end; {@code data} is its JSON value. */
    record Event(long id, String type, Object data) {
    }

    private final String id;
    private final String kind;
    private final String subject;
    private final boolean dryRun;
    private final String keyName;
    private final String address;
    private final UnaryOperator<String> redact;
    private final Instant startedAt = Instant.now();
    private final long startedNanos = System.nanoTime();
    private final List<String> log = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private long linesLeftOut;
    private State state = State.RUNNING;
    private Instant endedAt;
    private long elapsedMs;
    private String what;
    private long done;
    private long total;
    private long lastProgressEvent;
    private Object result;
    private Map<String, Object> error;

    Job(String id, String kind, String subject, boolean dryRun, String keyName, String address, UnaryOperator<String> redact) {
        this.id = id;
        this.kind = kind;
        this.subject = subject;
        this.dryRun = dryRun;
        this.keyName = keyName;
        this.address = address;
        this.redact = redact;
    }

    String id() {
        return id;
    }

    String kind() {
        return kind;
    }

    String subject() {
        return subject;
    }

    boolean dryRun() {
        return dryRun;
    }

    String keyName() {
        return keyName;
    }

    String address() {
        return address;
    }

    /** What the job is, as a person reads it: "data run D2 (dry run)". */
    String title() {
        return kind + (subject == null ? "" : " " + subject) + (dryRun ? " (dry run)" : "");
    }

    @Override
    public synchronized void log(String line) {
        for (String one : redact.apply(line).split("\n", -1)) {
            if (log.size() < MAX_LOG_LINES) {
                log.add(one);
                add("log", Map.of("line", one));
            } else {
                linesLeftOut++;
            }
        }
    }

    @Override
    public synchronized void update(String what, long done, long total) {
        boolean newStep = !what.equals(this.what);
        this.what = redact.apply(what);
        this.done = done;
        this.total = total;
        long now = System.nanoTime();
        if (newStep || now - lastProgressEvent >= PROGRESS_EVERY_NANOS) {
            lastProgressEvent = now;
            add("progress", progress());
        }
    }

    @Override
    public void finish() {
        // the job's progress stays as it was last told, for whoever looks later
    }

    synchronized void completed(Outcome outcome) {
        if (outcome.text() != null && !outcome.text().isBlank()) {
            log(outcome.text().stripTrailing());
        }
        result = outcome.value();
        if (outcome.passed()) {
            end(State.COMPLETED);
        } else {
            error = Map.of("message", "the check found a difference; the result says which", "exit", 1);
            end(State.FAILED);
        }
    }

    synchronized void failed(Throwable failure) {
        Map<String, Object> e = new LinkedHashMap<>();
        if (failure instanceof FerryException ferry) {
            e.put("message", redact.apply(ferry.getMessage()));
            ferry.hint().ifPresent(hint -> e.put("hint", redact.apply(hint)));
            e.put("code", ferry.code().name());
            e.put("exit", ferry.exitCode().code());
        } else {
            e.put("message", "the job failed: " + failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + redact.apply(failure.getMessage())));
            e.put("exit", 4);
        }
        error = e;
        log("failed: " + e.get("message") + (e.containsKey("hint") ? "\nhint: " + e.get("hint") : ""));
        end(State.FAILED);
    }

    private void end(State ended) {
        state = ended;
        endedAt = Instant.now();
        elapsedMs = (System.nanoTime() - startedNanos) / 1_000_000;
        if (ended == State.COMPLETED && total > 0) {
            done = Math.max(done, total);
        }
        add("progress", progress());
        add("end", view(false));
        notifyAll();
    }

    synchronized State state() {
        return state;
    }

    synchronized boolean ended() {
        return state != State.RUNNING;
    }

    synchronized Map<String, Object> error() {
        return error;
    }

    private void add(String type, Object data) {
        events.add(new Event(events.size(), type, data));
        notifyAll();
    }

    /**
     * The events from {@code from} on, waiting up to {@code wait} for one when there is none yet; empty
     * when the job has ended and all were given, or the wait ran out.
     */
    synchronized List<Event> eventsFrom(long from, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (events.size() <= from && state == State.RUNNING) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return from >= events.size() ? List.of() : List.copyOf(events.subList((int) Math.max(0, from), events.size()));
    }

    /** Waits until the job has ended, at most {@code wait}; true when it has. */
    synchronized boolean awaitEnd(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (state == State.RUNNING) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    private Map<String, Object> progress() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("what", what);
        p.put("done", done);
        p.put("total", total);
        p.put("percent", state == State.COMPLETED ? Integer.valueOf(100) : total > 0 ? Integer.valueOf((int) Math.min(100, done * 100 / total)) : null);
        return p;
    }

    /** The job as GET /api/jobs/{id} answers it; without the log when {@code withLog} is false. */
    synchronized Map<String, Object> view(boolean withLog) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("kind", kind);
        v.put("subject", subject);
        v.put("dryRun", dryRun);
        v.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        v.put("key", keyName);
        v.put("startedAt", startedAt.toString());
        v.put("endedAt", endedAt == null ? null : endedAt.toString());
        v.put("elapsedMs", endedAt == null ? (System.nanoTime() - startedNanos) / 1_000_000 : elapsedMs);
        v.put("progress", progress());
        v.put("result", result);
        v.put("error", error);
        if (withLog) {
            List<String> lines = new ArrayList<>(log);
            if (linesLeftOut > 0) {
                lines.add("… " + linesLeftOut + " more lines left out");
            }
            v.put("log", lines);
        }
        return v;
    }
}
