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
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
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

    static Map<String, String> env(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
