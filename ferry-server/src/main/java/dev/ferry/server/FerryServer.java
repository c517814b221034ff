package dev.ferry.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The HTTP API of {@code ferry serve}: JSON over HTTP on Javalin (Jetty 12 underneath). Every answer is
 * the value the CLI prints with --json, written by the core's {@link Json}: one model, two front doors.
 * Every route passes through {@link #guard} for its key, and every body and log line through the
 * run's secret mask.
 */
public final class FerryServer implements AutoCloseable {
    /** Failed key attempts allowed per client address and minute before 429. */
    static final int FAILURES_PER_MINUTE = 10;
    private static final String KEY_NAME = "ferry.keyName";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Javalin app;

    private FerryServer(Javalin app) {
        this.app = app;
    }

    /**
     * Starts the server and returns at once.
     *
     * @param status the migrations' status, the same value as {@code ferry status --json}
     * @param redact the run's secret mask, applied to every body and log line
     * @param log    where each request's line goes (method, path, status, key name, time)
     */
    public static FerryServer start(ServerOptions options, ApiKeys keys, Supplier<Object> status, UnaryOperator<String> redact, Consumer<String> log) {
        List<Route> routes = routes(status);
        FailureLimiter limiter = new FailureLimiter(FAILURES_PER_MINUTE, Duration.ofMinutes(1), Clock.systemUTC());
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = options.bind();
            config.jetty.port = options.port();
            options.tls().ifPresent(tls -> config.jetty.addConnector(tls.connector(options.bind(), options.port())));
            config.requestLogger.http((ctx, ms) -> log.accept(redact.apply(ctx.method() + " " + ctx.path() + " " + ctx.statusCode()
                    + " key=" + Optional.ofNullable(ctx.<String>attribute(KEY_NAME)).orElse("-")
                    + " from " + ctx.ip() + " " + Math.round(ms) + "ms")));
            for (Route route : routes) {
                if (!route.method().equals("GET")) {
                    throw new IllegalStateException("only GET routes so far: " + route);
                }
                config.routes.get(route.path(), ctx -> answer(ctx, route, keys, limiter, redact));
            }
            config.routes.error(404, "*", ctx -> error(ctx, 404, "no route " + ctx.method() + " " + ctx.path()
                    + "; GET /api/openapi.json lists them", redact));
            config.routes.exception(Exception.class, (failure, ctx) -> error(ctx, 500, failure instanceof FerryException ferry
                    ? ferry.getMessage() : "the server failed: " + failure.getClass().getSimpleName(), redact));
        });
        app.start();
        return new FerryServer(app);
    }

    /** Every route the server answers; OpenApiTest checks that openapi.json lists exactly these, with their roles. */
    static List<Route> routes(Supplier<Object> status) {
        String openApi = resource("openapi.json");
        return List.of(
                new Route("GET", "/api/health", null, () -> "{\"status\":\"ok\"}"),
                new Route("GET", "/api/openapi.json", null, () -> openApi),
                new Route("GET", "/api/migrations", Role.READ, () -> Json.write(status.get())));
    }

    private static void answer(Context ctx, Route route, ApiKeys keys, FailureLimiter limiter, UnaryOperator<String> redact) throws Exception {
        if (route.open() || guard(ctx, route.required(), keys, limiter, redact)) {
            String body = route.answer().json();
            ctx.status(200).contentType("application/json").result(redact.apply(body));
        }
    }

    /** True when the request carries a key of the route's role; else it has answered 429, 401 or 403. */
    private static boolean guard(Context ctx, Role required, ApiKeys keys, FailureLimiter limiter, UnaryOperator<String> redact) {
        String address = ctx.ip();
        if (limiter.blocked(address)) {
            ctx.header("Retry-After", Long.toString(limiter.retryAfterSeconds(address)));
            error(ctx, 429, "too many failed key attempts from " + address + "; wait a minute", redact);
            return false;
        }
        String header = ctx.header("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
        Optional<ApiKey> key = presented == null || presented.isEmpty() ? Optional.empty() : keys.find(presented);
        if (key.isEmpty()) {
            limiter.failed(address);
            ctx.header("WWW-Authenticate", "Bearer");
            error(ctx, 401, presented == null ? "send an API key: Authorization: Bearer KEY" : "the API key is not one this server accepts", redact);
            return false;
        }
        ctx.attribute(KEY_NAME, key.get().name());
        if (!key.get().role().allows(required)) {
            error(ctx, 403, "the key " + key.get().name() + " has the role " + key.get().role().label()
                    + "; this route needs " + required.label(), redact);
            return false;
        }
        return true;
    }

    private static void error(Context ctx, int status, String message, UnaryOperator<String> redact) {
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
