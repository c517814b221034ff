package dev.ferry.server;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Json;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The routes of the API and what each answers. Reads answer at once with the CLI's --json value;
 * changes run as a {@link Job} (202 with the job, or with {@code ?wait=true} the job once it ended);
 * skip and reset are short and answer when done, still one job at a time.
 */
final class Api {
    private static final Pattern DATA_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern BACKUP_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,200}");
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final Duration LONGEST_WAIT = Duration.ofHours(24);

    private final FerryServices services;
    private final Jobs jobs;
    private final UnaryOperator<String> redact;
    private final String openApi;
    private final FreshReads migrations = new FreshReads();
    private final FreshReads data = new FreshReads();

    Api(FerryServices services, Jobs jobs, UnaryOperator<String> redact) {
        this.services = services;
        this.jobs = jobs;
        this.redact = redact;
        this.openApi = FerryServer.resource("openapi.json");
    }

    /** Every route the server answers; OpenApiTest checks that openapi.json lists exactly these, with their roles. */
    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/health", null, (ctx, key) -> json(ctx, 200, Map.of("status", "ok"))),
                new Route("GET", "/api/openapi.json", null, (ctx, key) -> ctx.contentType("application/json").result(openApi)),
                new Route("GET", "/api/migrations", Role.READ, (ctx, key) -> body(ctx, migrations.get(() -> masked(services.migrations())))),
                new Route("POST", "/api/migrations/migrate", Role.RUN, (ctx, key) -> {
                    boolean dry = dryRun(ctx);
                    start(ctx, key, "migrate", null, dry, out -> services.migrate(dry, out));
                }),
                new Route("GET", "/api/data", Role.READ, (ctx, key) -> body(ctx, data.get(() -> masked(services.data())))),
                new Route("POST", "/api/data/run", Role.RUN, (ctx, key) -> {
                    boolean dry = dryRun(ctx);
                    start(ctx, key, "data run", null, dry, out -> services.dataRun(null, dry, out));
                }),
                new Route("POST", "/api/data/{id}/run", Role.RUN, (ctx, key) -> {
                    String id = dataId(ctx);
                    boolean dry = dryRun(ctx);
                    start(ctx, key, "data run", "D" + id, dry, out -> services.dataRun(id, dry, out));
                }),
                new Route("POST", "/api/data/{id}/skip", Role.RUN, (ctx, key) -> {
                    String id = dataId(ctx);
                    now(ctx, key, "data skip", "D" + id, out -> services.dataSkip(id));
                }),
                new Route("POST", "/api/data/{id}/reset", Role.RUN, (ctx, key) -> {
                    String id = dataId(ctx);
                    now(ctx, key, "data reset", "D" + id, out -> services.dataReset(id));
                }),
                new Route("GET", "/api/backups", Role.READ, (ctx, key) -> json(ctx, 200, services.backups())),
                new Route("POST", "/api/backups/{name}/verify", Role.RUN, (ctx, key) -> {
                    String name = backupName(ctx);
                    start(ctx, key, "backup verify", name, false, out -> services.verifyBackup(name, out));
                }),
                new Route("GET", "/api/drift", Role.READ, (ctx, key) -> json(ctx, 200, services.drift())),
                new Route("POST", "/api/deploy", Role.RUN, (ctx, key) -> start(ctx, key, "deploy", null, false, this::deploy)),
                new Route("GET", "/api/jobs", Role.READ, (ctx, key) -> json(ctx, 200, Map.of("jobs", jobs.list().stream().map(j -> j.view(true)).toList()))),
                new Route("GET", "/api/jobs/{id}", Role.READ, (ctx, key) -> json(ctx, 200, job(ctx).view(true))),
                new Route("GET", "/api/jobs/{id}/events", Role.READ, this::events));
    }

    /** Schema migrations, then the pending data migrations: the first that fails fails the deployment. */
    private Outcome deploy(JobOutput out) {
        out.log("schema migrations:");
        Outcome schema = services.migrate(false, out);
        logText(out, schema);
        out.log("data migrations:");
        Outcome data;
        try {
            data = services.dataRun(null, false, out);
        } catch (FerryException e) {
            throw new FerryException(e.code(), "the schema migrations were applied, then the data migrations failed: " + e.getMessage(),
                    e.hint().orElse(null), e);
        }
        logText(out, data);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("migrate", schema.value());
        value.put("data", data.value());
        return new Outcome(value, null, schema.passed() && data.passed());
    }

    private static void logText(JobOutput out, Outcome step) {
        if (step.text() != null && !step.text().isBlank()) {
            out.log(step.text().stripTrailing());
        }
    }

    /** Starts a job: 202 with it at once, or with ?wait=true the ended job (2xx only when it completed). */
    private void start(Context ctx, ApiKey key, String kind, String subject, boolean dryRun, Jobs.Work work) throws InterruptedException {
        boolean wait = flag(ctx, "wait");
        Job job = jobs.start(kind, subject, dryRun, key.name(), ctx.ip(), work);
        ctx.header("Location", "/api/jobs/" + job.id());
        if (!wait) {
            json(ctx, 202, job.view(true));
            return;
        }
        job.awaitEnd(LONGEST_WAIT);
        json(ctx, job.state() == Job.State.COMPLETED ? 200 : failedStatus(job), job.view(true));
    }

    /** A short change: run as a job (one at a time) and answered with its value when it ends. */
    private void now(Context ctx, ApiKey key, String kind, String subject, Jobs.Work work) throws InterruptedException {
        Job job = jobs.start(kind, subject, false, key.name(), ctx.ip(), work);
        job.awaitEnd(LONGEST_WAIT);
        Map<String, Object> view = job.view(false);
        if (job.state() == Job.State.COMPLETED) {
            json(ctx, 200, view.get("result"));
        } else {
            FerryServer.error(ctx, failedStatus(job), String.valueOf(job.error().get("message")), redact);
        }
    }

    private static int failedStatus(Job job) {
        Object exit = job.error() == null ? null : job.error().get("exit");
        return HttpStatus.of(exit instanceof Integer code ? code : 4);
    }

    /** The job's events as server-sent events, from Last-Event-ID on, until it has ended. */
    private void events(Context ctx, ApiKey key) {
        Job job = job(ctx);
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new FerryException(ErrorCode.USAGE, "this route streams server-sent events: send Accept: text/event-stream",
                    "GET /api/jobs/" + job.id() + " answers the job as JSON");
        }
        long from = lastEventId(ctx) + 1;
        new SseHandler(client -> stream(job, client, from)).handle(ctx);
    }

    private void stream(Job job, SseClient client, long from) {
        long next = from;
        try {
            while (!client.terminated()) {
                List<Job.Event> events = job.eventsFrom(next, KEEP_ALIVE);
                if (events.isEmpty()) {
                    if (job.ended()) {
                        break;
                    }
                    client.sendComment("still running");
                    continue;
                }
                for (Job.Event event : events) {
                    client.sendEvent(event.type(), redact.apply(Json.writeLine(event.data())), Long.toString(event.id()));
                    next = event.id() + 1;
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } finally {
            client.close();
        }
    }

    private static long lastEventId(Context ctx) {
        String header = ctx.header("Last-Event-ID");
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            throw new FerryException(ErrorCode.USAGE, "Last-Event-ID must be the number of an event, not " + header.strip(),
                    "leave it out to get every event from the first");
        }
    }

    private Job job(Context ctx) {
        String id = ctx.pathParam("id");
        return jobs.find(id).orElseThrow(() -> HttpFailure.notFound("there is no job " + id + " on this server (it keeps the last " + Jobs.KEPT
                + " since it started); GET /api/jobs lists them"));
    }

    private static String dataId(Context ctx) {
        String id = ctx.pathParam("id");
        if (!DATA_ID.matcher(id).matches()) {
            throw new FerryException(ErrorCode.USAGE, "a data migration's id is its version, like 2 or 2.1, not " + id, "GET /api/data lists them");
        }
        return id;
    }

    private static String backupName(Context ctx) {
        String name = ctx.pathParam("name");
        if (!BACKUP_NAME.matcher(name).matches() || name.contains("..")) {
            throw new FerryException(ErrorCode.USAGE, "a backup is named by its directory under the backups directory, not " + name,
                    "GET /api/backups lists them");
        }
        return name;
    }

    private static boolean dryRun(Context ctx) {
        return flag(ctx, "dryRun");
    }

    private static boolean flag(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true") || value.isEmpty()) {
            return true;
        }
        throw new FerryException(ErrorCode.USAGE, "?" + name + "= takes true or false, not " + value, "?" + name + "=true");
    }

    private void json(Context ctx, int status, Object value) {
        body(ctx.status(status), masked(value));
    }

    private String masked(Object value) {
        return redact.apply(Json.write(value));
    }

    private static void body(Context ctx, String masked) {
        ctx.contentType("application/json").header("Cache-Control", "no-store").result(masked);
    }
}
