package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ferry.connect.EnvFile;
import dev.ferry.testkit.SharedPostgres;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, must-show 4: examples/server-move runs end to end. The old server is PostgreSQL 15 "in a
 * Docker container" (a stand-in docker on PATH runs pg_dump 15 against it), the new one PostgreSQL 17.
 * The secrets step takes NEXTAUTH_SECRET and JWT_SECRET from the old server's env file, and the drift
 * step restores the column the history says V2 added and someone dropped by hand.
 */
class ServerMovePlanIT {
    private static final Path EXAMPLE = Path.of(System.getProperty("user.dir")).getParent().resolve("examples/server-move");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "old-server-pw-5c1e";

    @TempDir
    Path dir;

    @Test
    void theServerMovePlanRunsEndToEnd() throws Exception {
        copyExample();
        SharedPostgres pg15 = SharedPostgres.pg15();
        String old = pg15.createFrom("server_move_empty", c -> { }, "shopold");
        assertThat(CliRun.process(dir, Map.of(), "migrate", "--dir", "migrations", "--target", "2", "--url", pg15.url(old)).exit()).isZero();
        pg15.execute(old, "INSERT INTO customers (id, email, name, loyalty_points) SELECT g, 'c' || g || '@shop.example', 'Customer ' || g, g % 50"
                + " FROM generate_series(1, 500) g;"
                + " INSERT INTO orders (id, customer_id, total) SELECT g, 1 + g % 500, (g % 97) + 0.99 FROM generate_series(1, 2000) g;"
                + " ALTER TABLE customers DROP COLUMN loyalty_points"); // by hand, one night: the history still says V2
        String target = TestPostgres.createDatabase("shopnew");
        Files.createDirectories(dir.resolve("old"));
        Files.writeString(dir.resolve("old/.env"), "DATABASE_URL=postgres://shop@old-host/shop\nNEXTAUTH_SECRET=old-nextauth-9f2c71d4\nJWT_SECRET=old-jwt-3b8e55a0\n");
        Files.writeString(dir.resolve(".env"), "# the new server's app\nNEXTAUTH_SECRET=fresh-install-0000\nPORT=3000\n");
        Path bin = DumpBackupIT.standInDocker(dir.resolve("bin"), pg15.port());
        HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        app.start();
        try {
            Map<String, String> env = Map.of("PATH", bin + ":" + System.getenv("PATH"),
                    "OLD_DATABASE_URL", "docker://postgres:" + PASSWORD + "@shop-db/" + old,
                    "NEW_DATABASE_URL", TestPostgres.url(target),
                    "APP_URL", "http://127.0.0.1:" + app.getAddress().getPort() + "/health");

            CliRun plan = CliRun.process(dir, env, "plan", "PLAN.yaml");
            assertThat(plan.exit()).as(plan.all()).isZero();
            assertThat(plan.out()).as(plan.all()).contains("source answers: reached through docker exec", "back up the source", "repair the drift of the target", "point of no return",
                    "docker://postgres:***@shop-db/" + old);

            CliRun run = CliRun.process(dir, env, "--yes", "run", "PLAN.yaml");

            assertThat(run.exit()).as(run.all()).isZero();
            assertThat(run.out()).contains("Completed", "Downtime: ", "2 secret(s) the same in old/.env and .env (copied",
                    "repaired the drift of the target: 1 change(s)", "applied 1 migration(s) to target, schema version 3",
                    "validated target: 6 checks passed", "GET http://127.0.0.1:");
            assertThat(run.all()).doesNotContain(PASSWORD, "old-nextauth-9f2c71d4", "old-jwt-3b8e55a0", "***")
                    .contains("[secrets] 2 secret(s)", "NEXTAUTH_SECRET replaced (fingerprint ", "column public.customers.loyalty_points: missing");
        } finally {
            app.stop(0);
        }
        assertThat(target(target, "SELECT count(*) || ' ' || sum(loyalty_points) FROM customers")).isEqualTo("500 0");
        assertThat(target(target, "SELECT count(*) || ' ' || count(note) FROM orders")).isEqualTo("2000 0");
        assertThat(target(target, "SELECT string_agg(version, ',' ORDER BY installed_rank) FROM ferry_history")).isEqualTo("1,2,3");
        Map<String, String> appEnv = EnvFile.load(dir.resolve(".env"));
        assertThat(appEnv).containsEntry("NEXTAUTH_SECRET", "old-nextauth-9f2c71d4").containsEntry("JWT_SECRET", "old-jwt-3b8e55a0")
                .containsEntry("PORT", "3000").doesNotContainKey("DATABASE_URL");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(f -> f.startsWith(".env.ferry-backup-"));
        }
        assertThat(Files.readString(bin.resolve("containers.log"))).isEqualTo("stop shop-web\nstart shop-web\n");
        assertThat(Files.readString(bin.resolve("argv.log"))).contains("exec -i -e PGPASSWORD shop-db pg_dump").doesNotContain(PASSWORD);
        JsonNode report;
        try (Stream<Path> files = Files.list(dir.resolve("reports"))) {
            report = JSON.readTree(Files.readString(files.filter(f -> f.getFileName().toString().matches("run-.*\\.json")).findFirst().orElseThrow()));
        }
        assertThat(report.path("state").asText()).isEqualTo("completed");
        assertThat(report.path("downtimeMs").asLong()).isPositive();
        assertThat(report.toString()).doesNotContain(PASSWORD);
    }

    private void copyExample() throws Exception {
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = dir.resolve(EXAMPLE.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
    }

    private static String target(String db, String sql) throws Exception {
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
