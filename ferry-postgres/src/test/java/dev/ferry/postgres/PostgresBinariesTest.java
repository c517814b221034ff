package dev.ferry.postgres;

import com.sun.net.httpserver.HttpServer;
import dev.ferry.error.FerryException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Finding server binaries of another major version: the local Maven repository first, then the
 * cache, then a Maven repository over HTTP (a real HTTP server on loopback standing in for Maven Central).
 */
class PostgresBinariesTest {
    private static final String ARTIFACT = PostgresBinaries.artifact();
    private static final String BASE = "/maven2/io/zonky/test/postgres/" + ARTIFACT + "/";

    @TempDir
    Path dir;
    private HttpServer http;
    private final Map<String, byte[]> files = new HashMap<>();
    private final List<String> requests = new java.util.ArrayList<>();

    @BeforeEach
    void serve() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            byte[] body = files.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        http.start();
        files.put(BASE + "maven-metadata.xml", ("<metadata><versioning><versions><version>17.11.0</version><version>18.4.0</version>"
                + "<version>18.6.0</version><version>18.10.1</version></versions></versioning></metadata>").getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    private PostgresBinaries binaries() {
        return new PostgresBinaries(dir.resolve("m2"), dir.resolve("cache"), "http://127.0.0.1:" + http.getAddress().getPort() + "/maven2");
    }

    private void publish(String version, byte[] jar, String sha1) {
        files.put(BASE + version + "/" + ARTIFACT + "-" + version + ".jar", jar);
        files.put(BASE + version + "/" + ARTIFACT + "-" + version + ".jar.sha1", sha1.getBytes(StandardCharsets.US_ASCII));
    }

    private static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }

    @Test
    void fetchesTheNewestOfTheMajorOnceAndKeepsItInTheCache() throws Exception {
        byte[] jar = "the 18.10.1 binaries".getBytes(StandardCharsets.UTF_8);
        publish("18.10.1", jar, sha1(jar));
        Path fetched = binaries().jar(18);
        assertThat(fetched).isEqualTo(dir.resolve("cache").resolve(ARTIFACT + "-18.10.1.jar"));
        assertThat(Files.readAllBytes(fetched)).isEqualTo(jar);

        requests.clear();
        assertThat(binaries().jar(18)).isEqualTo(fetched);
        assertThat(requests).as("the second time comes from the cache").isEmpty();
    }

    @Test
    void theLocalMavenRepositoryComesFirst() throws Exception {
        Path local = Files.createDirectories(dir.resolve("m2/io/zonky/test/postgres/" + ARTIFACT + "/18.6.0"))
                .resolve(ARTIFACT + "-18.6.0.jar");
        Files.writeString(local, "from maven");
        assertThat(binaries().jar(18)).isEqualTo(local);
        assertThat(requests).isEmpty();
    }

    @Test
    void aJarThatDoesNotMatchItsChecksumIsRefusedAndNotKept() throws Exception {
        publish("18.10.1", "tampered".getBytes(StandardCharsets.UTF_8), sha1("original".getBytes(StandardCharsets.UTF_8)));
        FerryException e = catchThrowableOfType(FerryException.class, () -> binaries().jar(18));
        assertThat(e.getMessage()).contains("no PostgreSQL 18 server binaries", "does not match its SHA-1");
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("--shadow URL of a PostgreSQL 18 server"));
        assertThat(dir.resolve("cache")).doesNotExist();
    }

    @Test
    void aMajorNobodyPublishedSaysToUseShadow() {
        FerryException e = catchThrowableOfType(FerryException.class, () -> binaries().jar(11));
        assertThat(e.getMessage()).contains("has no " + ARTIFACT + " 11.x");
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("--shadow"));
    }

    @Test
    void anUnreachableRepositorySaysSo() {
        http.stop(0);
        FerryException e = catchThrowableOfType(FerryException.class, () -> binaries().jar(18));
        assertThat(e.getMessage()).contains("no PostgreSQL 18 server binaries", "fetching them from http://127.0.0.1:");
    }

    @Test
    void versionsCompareAsNumbers() {
        assertThat(PostgresBinaries.newest(List.of("18.9.0", "18.10.1", "18.2.0"))).hasValue("18.10.1");
    }

    @Test
    void aRepositoryPasswordStaysOutOfTheMessage() {
        http.stop(0);
        String remote = "http://deploy:s3cret-token@127.0.0.1:" + http.getAddress().getPort() + "/maven2";
        FerryException e = catchThrowableOfType(FerryException.class,
                () -> new PostgresBinaries(dir.resolve("m2"), dir.resolve("cache"), remote).jar(18));
        assertThat(e.getMessage()).contains("fetching them from http://deploy:***@127.0.0.1:").doesNotContain("s3cret-token");
    }
}
