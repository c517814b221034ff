package dev.ferry.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.staticfiles.Location;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The HTTP API of {@code ferry serve}: JSON over HTTP on Javalin (Jetty 12 underneath). Every answer is
 * the value the CLI prints with --json, written by the core's {@link Json}: one model, two front doors.
 * Every route passes through {@link #guard} for its key, and every body and log line through the
 * run's secret mask.
 */
public final class FerryServer implements AutoCloseable {
    private static final String KEY_NAME = "ferry.keyName";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Scripts and styles of the dashboard come from the server itself, never from anywhere else. */
    private static final String DASHBOARD_POLICY = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

    private final Javalin app;
    private final Jobs jobs;

    private FerryServer(Javalin app, Jobs jobs) {
        this.app = app;
        this.jobs = jobs;
    }

    /**
     * Starts the server and returns at once.
     *
     * @param services what the routes do to the database, the CLI's own services
     * @param redact   the run's secret mask, applied to every body, event and log line
     * @param log      where each request's line goes (method, path, status, key name, time), and each job's start and end
     * @param audit    the JSON-lines file where every job is recorded with its key's name; null: the log only
     */
    public static FerryServer start(ServerOptions options, ApiKeys keys, FerryServices services, UnaryOperator<String> redact, Consumer<String> log,
                                    Path audit) {
        Consumer<String> masked = line -> log.accept(redact.apply(line));
        Jobs jobs = new Jobs(new AuditLog(audit, masked), redact);
        List<Route> routes = new Api(services, jobs, redact).routes();
        FailureLimiter limiter = new FailureLimiter(options.failedKeysPerMinute(), Duration.ofMinutes(1), Clock.systemUTC());
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = options.bind();
            config.jetty.port = options.port();
            options.tls().ifPresent(tls -> config.jetty.addConnector(tls.connector(options.bind(), options.port())));
            config.requestLogger.http((ctx, ms) -> masked.accept(ctx.method() + " " + ctx.path() + " " + ctx.statusCode()
                    + " key=" + Optional.ofNullable(ctx.<String>attribute(KEY_NAME)).orElse("-")
                    + " from " + ctx.ip() + " " + Math.round(ms) + "ms"));
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/dev/ferry/server/dashboard";
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", "no-store", "Content-Security-Policy", DASHBOARD_POLICY, "X-Content-Type-Options", "nosniff");
            });
            for (Route route : routes) {
                Handler handler = ctx -> answer(ctx, route, keys, limiter, redact);
                switch (route.method()) {
                    case "GET" -> config.routes.get(route.path(), handler);
                    case "POST" -> config.routes.post(route.path(), handler);
                    default -> throw new IllegalStateException("no method " + route.method() + " here: " + route);
                }
            }
            config.routes.error(404, "*", ctx -> {
                if (ctx.result() == null) {
                    error(ctx, 404, "no route " + ctx.method() + " " + ctx.path() + "; GET /api/openapi.json lists them", redact);
                }
            });
            config.routes.exception(Exception.class, (failure, ctx) -> failed(ctx, failure, redact, masked));
        });
        app.start();
        return new FerryServer(app, jobs);
    }

    /** Every route the server answers over these services; OpenApiTest checks that openapi.json lists exactly these. */
    static List<Route> routes(FerryServices services) {
        return new Api(services, new Jobs(new AuditLog(null, line -> { }), UnaryOperator.identity()), UnaryOperator.identity()).routes();
    }

    /** A FerryException answers with its message and the status of its exit code; anything else is the server's fault (500), logged. */
    private static void failed(Context ctx, Exception failure, UnaryOperator<String> redact, Consumer<String> log) {
        if (failure instanceof HttpFailure http) {
            ObjectNode body = JSON.createObjectNode().put("error", redact.apply(http.getMessage())).put("status", http.status());
            if (http.job() != null) {
                body.put("job", http.job());
            }
            ctx.status(http.status()).contentType("application/json").result(body.toString());
        } else if (failure instanceof FerryException ferry) {
            error(ctx, HttpStatus.of(ferry.exitCode().code()), ferry.getMessage() + ferry.hint().map(h -> " (hint: " + h + ")").orElse(""), redact);
        } else {
            log.accept("the server failed on " + ctx.method() + " " + ctx.path() + ": " + failure);
            error(ctx, 500, "the server failed: " + failure.getClass().getSimpleName() + "; its log says more", redact);
        }
    }

    private static void answer(Context ctx, Route route, ApiKeys keys, FailureLimiter limiter, UnaryOperator<String> redact) throws Exception {
        if (route.open()) {
            route.handler().handle(ctx, null);
            return;
        }
        ApiKey key = guard(ctx, route.required(), keys, limiter, redact);
        if (key != null) {
            route.handler().handle(ctx, key);
        }
    }

    /** The request's key when it has the route's role; else null, having answered 429, 401 or 403. */
    private static ApiKey guard(Context ctx, Role required, ApiKeys keys, FailureLimiter limiter, UnaryOperator<String> redact) {
        String address = ctx.ip();
        if (limiter.blocked(address)) {
            ctx.header("Retry-After", Long.toString(limiter.retryAfterSeconds(address)));
            error(ctx, 429, "too many failed key attempts from " + address + "; wait a minute", redact);
            return null;
        }
        String header = ctx.header("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
        Optional<ApiKey> key = presented == null || presented.isEmpty() ? Optional.empty() : keys.find(presented);
        if (key.isEmpty()) {
            limiter.failed(address);
            ctx.header("WWW-Authenticate", "Bearer");
            error(ctx, 401, presented == null ? "send an API key: Authorization: Bearer KEY" : "the API key is not one this server accepts", redact);
            return null;
        }
        ctx.attribute(KEY_NAME, key.get().name());
        if (!key.get().role().allows(required)) {
            error(ctx, 403, "the key " + key.get().name() + " has the role " + key.get().role().label()
                    + "; this route needs " + required.label(), redact);
            return null;
        }
        return key.get();
    }

    static void error(Context ctx, int status, String message, UnaryOperator<String> redact) {
        ObjectNode body = JSON.createObjectNode().put("error", redact.apply(message)).put("status", status);
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    /** The port it listens on (useful with --port 0). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        jobs.close();
    }

    static String resource(String name) {
        try (InputStream in = FerryServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
    }
}
