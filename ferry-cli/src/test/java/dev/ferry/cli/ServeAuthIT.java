package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ferry serve} as a real process against embedded PostgreSQL: every route of its OpenAPI file
 * checked for its key, so that a route added without a key check fails here.
 */
class ServeAuthIT {
    static final String RUN_KEY = "ops-run-key-4c1f9a27d3e8b605";
    static final String READ_KEY = "viewer-read-key-9e2d7b41a0c3f856";
    static final Map<String, String> KEYS = Map.of("FERRY_API_KEYS", "ops:run:" + RUN_KEY + ",viewer:read:" + READ_KEY);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_JOB = "1f2e3d4c5b6a";

    @TempDir
    Path dir;
    private String url;

    @BeforeEach
    void database() throws Exception {
        url = TestPostgres.url(TestPostgres.createDatabase("serveauth"));
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__accounts.sql"), "CREATE TABLE accounts (id int PRIMARY KEY);\n");
        Files.writeString(dir.resolve("migrations/V2__notes.sql"), "CREATE TABLE notes (id int PRIMARY KEY);\n");
        assertThat(CliRun.process(dir, Map.of(), "migrate", "--url", url, "--target", "1").exit()).isZero();
    }

    @Test
    void everyRouteOfTheOpenApiFileChecksItsKey() throws Exception {
        // two failed attempts a route, all from this one address: more than the default 10 a minute
        try (ServeProcess serve = ServeProcess.start(dir, KEYS, "--url", url, "--max-failed-keys", "1000")) {
            HttpResponse<String> openApi = serve.get("/api/openapi.json", null);
            assertThat(openApi.statusCode()).isEqualTo(200);
            List<OpenApiRoute> routes = OpenApiRoute.all(JSON.readTree(openApi.body()));
            assertThat(routes).extracting(OpenApiRoute::path).contains("/api/health", "/api/migrations", "/api/openapi.json");

            for (OpenApiRoute route : routes) {
                boolean named = route.path().contains(NO_JOB);
                if (route.role() == null) {
                    assertThat(serve.send(route.method(), route.path(), null).statusCode()).as(route + " needs no key").isEqualTo(200);
                    continue;
                }
                assertUnauthorized(serve.send(route.method(), route.path(), null), route + " without a key");
                assertUnauthorized(serve.send(route.method(), route.path(), "wrong-" + READ_KEY), route + " with a wrong key");
                int withReadKey = serve.send(route.method(), route.path(), READ_KEY).statusCode();
                if (route.role().equals("run")) {
                    assertThat(withReadKey).as(route + " with a read key").isEqualTo(403);
                } else if (named) { // a made-up job: past the key check, it is not found
                    assertThat(withReadKey).as(route + " with a read key").isEqualTo(404);
                    assertThat(serve.send(route.method(), route.path(), RUN_KEY).statusCode()).as(route + " with a run key").isEqualTo(404);
                } else {
                    assertThat(withReadKey).as(route + " with a read key").isEqualTo(200);
                    assertThat(serve.send(route.method(), route.path(), RUN_KEY).statusCode()).as(route + " with a run key").isEqualTo(200);
                }
            }

            HttpResponse<String> health = serve.get("/api/health", null);
            assertThat(JSON.readTree(health.body())).isEqualTo(JSON.readTree("{\"status\":\"ok\"}"));

            HttpResponse<String> migrations = serve.get("/api/migrations", READ_KEY);
            CliRun status = CliRun.process(dir, Map.of(), "status", "--url", url, "--json");
            assertThat(JSON.readTree(migrations.body())).as("one model, two front doors").isEqualTo(JSON.readTree(status.out()));
            assertThat(migrations.body()).contains("\"APPLIED\"", "\"PENDING\"");

            serve.stop();
            assertThat(serve.err()).contains("GET /api/migrations 200 key=viewer", "GET /api/migrations 401 key=-")
                    .doesNotContain(READ_KEY).doesNotContain(RUN_KEY);
        }
    }

    @Test
    void repeatedFailuresFromOneAddressGet429() throws Exception {
        try (ServeProcess serve = ServeProcess.start(dir, KEYS, "--url", url)) {
            List<Integer> codes = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                codes.add(serve.get("/api/migrations", "guess-" + i + "-0123456789abcdef").statusCode());
            }
            assertThat(codes.subList(0, 10)).containsOnly(401);
            assertThat(codes.subList(10, 12)).containsOnly(429);
            HttpResponse<String> limited = serve.get("/api/migrations", READ_KEY);
            assertThat(limited.statusCode()).as("the address waits, even with a good key").isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
            assertThat(serve.get("/api/health", null).statusCode()).as("health needs no key").isEqualTo(200);
        }
    }

    @Test
    void refusesANonLoopbackBindWithoutInsecureBind() {
        CliRun run = CliRun.process(dir, KEYS, "serve", "--url", url, "--bind", "0.0.0.0");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("refusing to listen on 0.0.0.0", "--insecure-bind", "TLS").doesNotContain("Exception");
    }

    private static void assertUnauthorized(HttpResponse<String> response, String what) throws Exception {
        assertThat(response.statusCode()).as(what).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("error").asText()).as(what).isNotBlank();
    }

    /** A path with sample values for its parameters: a job, data migration or backup that is not there. */
    private static String samples(String path) {
        return path.replace("{id}", NO_JOB).replace("{name}", "no-such-backup");
    }

    /** One operation of the OpenAPI file, with the role it needs (null: no key). */
    record OpenApiRoute(String method, String path, String role) {
        static List<OpenApiRoute> all(JsonNode openApi) {
            List<OpenApiRoute> routes = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").properties().iterator(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().properties().iterator(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    JsonNode security = op.getValue().path("security");
                    boolean open = security.isArray() && security.isEmpty();
                    String role = open ? null : op.getValue().path("x-ferry-role").asText("run");
                    routes.add(new OpenApiRoute(op.getKey().toUpperCase(java.util.Locale.ROOT), samples(path.getKey()), role));
                }
            }
            return routes;
        }
    }
}
