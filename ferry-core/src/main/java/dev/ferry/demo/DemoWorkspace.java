package dev.ferry.demo;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The directory {@code ferry demo} works in, written from the files in Ferry's jar: ferry.yaml with
 * two environments on one embedded PostgreSQL, PLAN.yaml, mapping.yaml, checks.yaml, migrations/,
 * legacy.sql, and the two servers' env files. The example's legacy.sql and V1 are copied into the jar
 * from examples/legacy-to-new when Ferry is built, so the demo and the example cannot drift apart.
 * A directory holding anything but an earlier demo is refused, never cleared.
 *
 * <pre>{@code
 * DemoWorkspace ws = DemoWorkspace.at(Path.of("ferry-demo").toAbsolutePath());
 * ws.requireUsable();
 * ws.write(new SecureRandom());
 * }</pre>
 */
public final class DemoWorkspace {
    public static final String LEGACY_DATABASE = "learnwell_legacy";
    public static final String NEW_DATABASE = "learnwell";
    /** Written before anything else: what tells an earlier demo (cleared and written again) from a user's directory (refused). */
    static final String MARKER = ".ferry/demo";
    private static final String RESOURCES = "/dev/ferry/demo/";
    /** Each file of the workspace and the resource it comes from. */
    private static final Map<String, String> FILES = files();

    private final Path dir;

    private DemoWorkspace(Path dir) {
        this.dir = dir;
    }

    /** The workspace in {@code dir} (made absolute: the environments' URLs name its data directory wherever a command runs). */
    public static DemoWorkspace at(Path dir) {
        return new DemoWorkspace(dir.toAbsolutePath().normalize());
    }

    private static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("ferry.yaml", "ferry.yaml");
        files.put("PLAN.yaml", "PLAN.yaml");
        files.put("mapping.yaml", "mapping.yaml");
        files.put("checks.yaml", "checks.yaml");
        files.put("legacy.sql", "example/legacy.sql");
        files.put("migrations/V1__new_schema.sql", "example/migrations/V1__new_schema.sql");
        files.put("migrations/V2__review_moderation.sql", "migrations/V2__review_moderation.sql");
        files.put("migrations/V3__enrollment_progress.sql", "migrations/V3__enrollment_progress.sql");
        files.put("migrations/data/D1__enrollment_progress.sql", "migrations/data/D1__enrollment_progress.sql");
        files.put("migrations/data/D1__enrollment_progress.verify.sql", "migrations/data/D1__enrollment_progress.verify.sql");
        files.put("old/.env", "env/old.env");
        files.put(".env", "env/new.env");
        return files;
    }

    public Path dir() {
        return dir;
    }

    /** The embedded PostgreSQL's data directory: both databases live in it. */
    public Path dataDirectory() {
        return dir.resolve(".ferry").resolve("pg");
    }

    /** The embedded URL of one of the demo's databases ({@code postgres} for the server itself). */
    public String url(String database) {
        return "embedded:postgres?dir=" + escape(dataDirectory().toString()) + "&database=" + database;
    }

    /** Whether an earlier {@code ferry demo} wrote this directory. */
    public boolean holdsEarlierDemo() {
        return Files.isRegularFile(dir.resolve(MARKER));
    }

    /** Refuses a file, or a directory that holds something other than an earlier demo: a demo never clears a user's files. */
    public void requireUsable() {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new FerryException(ErrorCode.USAGE, dir + " is a file, and ferry demo writes a directory of files there",
                    "name another directory: ferry demo --dir ferry-demo");
        }
        if (Files.isDirectory(dir) && !holdsEarlierDemo() && !isEmpty()) {
            throw new FerryException(ErrorCode.USAGE, dir + " is not empty and is not an earlier ferry demo: the demo writes ferry.yaml, PLAN.yaml"
                    + " and databases there, and clears only a directory it wrote itself", "name a new or empty directory: ferry demo --dir ferry-demo-2");
        }
    }

    private boolean isEmpty() {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes everything an earlier demo left in the directory (its server must be stopped first); the directory itself stays. */
    public void clear() {
        if (!holdsEarlierDemo()) {
            throw new IllegalStateException(dir + " is not an earlier demo");
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new FerryException(ErrorCode.USAGE, "cannot clear the earlier demo in " + dir + ": " + e.getMessage(),
                    "delete the directory by hand, or name another: ferry demo --dir ferry-demo-2", e);
        }
    }

    /** Writes every file; each server's env file gets secrets of its own, so that the plan's secrets step has something to copy. */
    public void write(SecureRandom random) {
        Map<String, String> values = Map.of("@PG_DIR@", escape(dataDirectory().toString()),
                "@OLD_NEXTAUTH_SECRET@", secret(random), "@OLD_JWT_SECRET@", secret(random),
                "@NEW_NEXTAUTH_SECRET@", secret(random), "@NEW_JWT_SECRET@", secret(random));
        try {
            Files.createDirectories(dir.resolve(MARKER).getParent());
            Files.writeString(dir.resolve(MARKER), "written by ferry demo: ferry demo clears this directory and starts over\n", StandardCharsets.UTF_8);
            for (Map.Entry<String, String> file : FILES.entrySet()) {
                String text = resource(file.getValue());
                for (Map.Entry<String, String> v : values.entrySet()) {
                    text = text.replace(v.getKey(), v.getValue());
                }
                Path path = dir.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, text, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new FerryException(ErrorCode.USAGE, "cannot write the demo into " + dir + ": " + e.getMessage(), "name a writable directory: ferry demo --dir DIR", e);
        }
    }

    /** The text of a workspace file as written. */
    public String read(String file) {
        try {
            return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DemoWorkspace.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the demo's " + name + " is missing from Ferry's jar (" + RESOURCES + name + "): the build copies it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String secret(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A path as a URL parameter carries it: readable where it can be, every other character percent-encoded (a space, an &amp;). */
    static String escape(String path) {
        StringBuilder sb = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/._~-".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }
}
