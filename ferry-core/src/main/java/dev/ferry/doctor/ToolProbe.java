package dev.ferry.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds a command on PATH and asks it for its version. */
public final class ToolProbe {
    private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))+");

    /** A tool on PATH and the version it reported. */
    public record Found(Path path, String version, int major) {
    }

    private final String searchPath;

    public ToolProbe(String searchPath) {
        this.searchPath = searchPath == null ? "" : searchPath;
    }

    public Optional<Path> locate(String command) {
        for (String dir : searchPath.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs {@code command --version}; empty when it is not on PATH or says nothing we can read. */
    public Optional<Found> probe(String command) {
        Optional<Path> path = locate(command);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder(path.get().toString(), "--version").redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            Matcher m = VERSION.matcher(out);
            return m.find() ? Optional.of(new Found(path.get(), m.group(), Integer.parseInt(m.group(1)))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
