package dev.ferry.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What one run of ferry printed and returned, in-process or as a real process of the built jar. */
record CliRun(int exit, String out, String err) {

    String all() {
        return out + err;
    }

    /** Runs the CLI in this JVM, as Main would, with its own environment and working directory. */
    static CliRun inProcess(Path workDir, Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new FerryCli(environment, workDir, out, err, false).run(args);
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs the CLI in this JVM as if on a terminal where the user types {@code typed}. */
    static CliRun onTerminal(Path workDir, Map<String, String> environment, String typed, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        java.io.InputStream in = new java.io.ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8));
        int exit = new FerryCli(environment, workDir, out, err, true, in).run(args);
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code java -jar target/ferry.jar} (built by the package phase) as a user would. */
    static CliRun process(Path workDir, Map<String, String> extraEnvironment, String... args) {
        Path jar = Path.of(System.getProperty("user.dir"), "target", "ferry.jar");
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(ClassArchive.options(jar));
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> env = pb.environment();
        env.remove("FERRY_URL");
        env.remove("DATABASE_URL");
        env.putAll(extraEnvironment);
        try {
            Process p = pb.start();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = new Thread(() -> {
                try {
                    p.getErrorStream().transferTo(err);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            errReader.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("ferry " + String.join(" ", args) + " did not finish in 120 s");
            }
            errReader.join();
            return new CliRun(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A class-data archive of ferry.jar for the commands the tests run as processes (about a hundred):
     * each JVM then maps the classes of picocli, Jackson and the drivers instead of loading them, which on
     * two cores saves it most of a second. Made once per test JVM by a first command that reaches the
     * database; when it cannot be made, commands run without one. The JVM's own log is off, so a
     * mismatched archive is passed over silently rather than printed into a command's output.
     */
    private static final class ClassArchive {
        private static List<String> options;

        static synchronized List<String> options(Path jar) {
            if (options == null) {
                options = List.of();
                Path archive = jar.resolveSibling("ferry-classes.jsa");
                try {
                    java.nio.file.Files.deleteIfExists(archive);
                    Process p = new ProcessBuilder(java(), "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:disable", "-jar", jar.toString(), "--json",
                            "inspect", "--url", dev.ferry.testkit.TestPostgres.url("postgres")).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    if (p.waitFor(120, TimeUnit.SECONDS) && java.nio.file.Files.isRegularFile(archive)) {
                        options = List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:disable");
                    }
                } catch (IOException e) {
                    // no archive: every command loads its classes, as a user's does
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return options;
        }
    }

    static Map<String, String> env(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
