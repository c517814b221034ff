package dev.ferry.cli;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real {@code ferry serve} process of the built jar on a free port, its output kept in files, stopped by SIGTERM. */
final class ServeProcess implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;
    private final int port;
    private final String scheme;
    private final HttpClient http;

    private ServeProcess(Process process, Path out, Path err, int port, SSLContext trust) {
        this.process = process;
        this.out = out;
        this.err = err;
        this.port = port;
        this.scheme = trust == null ? "http" : "https";
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        this.http = (trust == null ? client : client.sslContext(trust)).build();
    }

    /** Starts {@code ferry serve --port FREE ARGS} in {@code dir} and waits until /api/health answers. */
    static ServeProcess start(Path dir, Map<String, String> environment, String... args) throws Exception {
        return launch(dir, environment, null, args);
    }

    /** As {@link #start}, for a server with --tls-cert/--tls-key: requests go over HTTPS, trusting what {@code trust} trusts. */
    static ServeProcess startHttps(Path dir, Map<String, String> environment, SSLContext trust, String... args) throws Exception {
        return launch(dir, environment, trust, args);
    }

    private static ServeProcess launch(Path dir, Map<String, String> environment, SSLContext trust, String... args) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of(System.getProperty("user.dir"), "target", "ferry.jar").toString(), "serve", "--port", Integer.toString(port)));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "serve", ".out");
        Path err = Files.createTempFile(dir, "serve", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("FERRY_URL");
        pb.environment().remove("DATABASE_URL");
        pb.environment().remove("FERRY_API_KEYS");
        pb.environment().putAll(environment);
        ServeProcess serve = new ServeProcess(pb.start(), out, err, port, trust);
        serve.awaitHealthy();
        return serve;
    }

    private void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ferry serve exited with " + process.exitValue() + ": " + err());
            }
            try {
                if (get("/api/health", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("ferry serve did not answer /api/health in 60 s: " + err());
    }

    /** GET a path, with {@code Authorization: Bearer KEY} when key is not null. */
    HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        return send("GET", path, key);
    }

    /** Any method on a path (no body), with {@code Authorization: Bearer KEY} when key is not null. */
    HttpResponse<String> send(String method, String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The job's server-sent events, read until the stream ends: each as "type data". */
    List<String> events(String jobId, String key) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/jobs/" + jobId + "/events"))
                .timeout(Duration.ofMinutes(2)).header("Authorization", "Bearer " + key).header("Accept", "text/event-stream").GET().build();
        HttpResponse<java.util.stream.Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("events of " + jobId + " answered " + response.statusCode());
        }
        List<String> events = new ArrayList<>();
        String[] type = {null};
        try (java.util.stream.Stream<String> lines = response.body()) {
            lines.forEach(line -> {
                if (line.startsWith("event:")) {
                    type[0] = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    events.add(type[0] + " " + line.substring(5).strip());
                }
            });
        }
        return events;
    }

    /** SIGKILL: the server dies mid-work, as with kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    int port() {
        return port;
    }

    String out() {
        return read(out);
    }

    String err() {
        return read(err);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** SIGTERM, as an operator stops it; the logs stay readable afterwards. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
