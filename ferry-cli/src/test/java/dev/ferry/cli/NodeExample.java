package dev.ferry.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** examples/node-data-migration copied into a test's directory with its packages installed by npm ci, as its README says. */
final class NodeExample {
    private static final Path EXAMPLE = Path.of(System.getProperty("user.dir")).getParent().resolve("examples/node-data-migration");

    private NodeExample() {
    }

    /** The example at {@code project}, node_modules installed. */
    static Path installedIn(Path project) throws Exception {
        requireNode();
        copy(EXAMPLE, project);
        run(project, Map.of(), Duration.ofMinutes(5), "npm", "ci", "--no-audit", "--no-fund");
        return project;
    }

    /** CI machines and developers' have Node.js: its absence is a machine to mend, not a test to pass by. */
    private static void requireNode() {
        for (String tool : List.of("node", "npm")) {
            try {
                Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() == 0) {
                    continue;
                }
            } catch (IOException | InterruptedException e) {
                // reported below
            }
            fail(tool + " is not on PATH: install Node.js 18 or later with npm (apt-get install nodejs npm), which the example"
                    + " examples/node-data-migration and its tests run");
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path relative = from.relativize(f);
                if (relative.startsWith("node_modules") || relative.startsWith("reports")) {
                    continue;
                }
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to.resolve(relative.toString()));
                } else {
                    Files.copy(f, to.resolve(relative.toString()));
                }
            }
        }
    }

    /** Runs {@code command} in {@code in} with {@code environment} added; fails with its output unless it exits 0 in time; its output. */
    static String run(Path in, Map<String, String> environment, Duration patience, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true);
        pb.environment().putAll(environment);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return fail(command[0] + " is not on PATH: install Node.js 20 or later with npm (apt-get install nodejs npm): " + e.getMessage());
        }
        AtomicReference<String> out = new AtomicReference<>("");
        Thread reader = new Thread(() -> {
            try {
                out.set(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.set(e.toString());
            }
        });
        reader.start();
        if (!p.waitFor(patience.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            reader.join();
            fail(String.join(" ", command) + " did not finish in " + patience + ":\n" + out.get());
        }
        reader.join();
        assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + out.get()).isZero();
        return out.get();
    }
}
