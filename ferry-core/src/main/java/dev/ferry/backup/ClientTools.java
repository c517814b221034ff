package dev.ferry.backup;

import dev.ferry.doctor.ToolProbe;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The installed versions of a client tool such as pg_dump: on PATH first, then in the versioned
 * directories where Debian ({@code /usr/lib/postgresql/NN/bin}) and RHEL ({@code /usr/pgsql-NN/bin})
 * install several majors side by side, each asked for its version.
 *
 * <pre>{@code
 * List<ToolProbe.Found> dumps = new ClientTools(System.getenv()).versions("pg_dump");
 * }</pre>
 */
public final class ClientTools {
    private static final Path DEBIAN_PARENT = Path.of("/usr/lib/postgresql");
    private static final Path RHEL_PREFIX = Path.of("/usr");

    private final Map<String, String> environment;
    private final boolean versionedDirectories;

    /** @param environment the environment Ferry runs in; its PATH is searched, and child processes start from it */
    public ClientTools(Map<String, String> environment) {
        this(environment, true);
    }

    /** @param versionedDirectories whether to look beyond PATH, in the directories of several installed majors */
    ClientTools(Map<String, String> environment, boolean versionedDirectories) {
        this.environment = Map.copyOf(environment);
        this.versionedDirectories = versionedDirectories;
    }

    public Map<String, String> environment() {
        return environment;
    }

    /** Every distinct installation of {@code command}, PATH first; a file that reports no version is left out. */
    public List<ToolProbe.Found> versions(String command) {
        List<ToolProbe.Found> found = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (String dir : directories()) {
            Optional<ToolProbe.Found> f = new ToolProbe(dir).probe(command);
            if (f.isPresent() && seen.add(real(f.get().path()))) {
                found.add(f.get());
            }
        }
        return found;
    }

    /** The command on PATH, for tools whose version does not matter (docker). */
    public Optional<Path> locate(String command) {
        return new ToolProbe(environment.getOrDefault("PATH", "")).locate(command);
    }

    private List<String> directories() {
        List<String> dirs = new ArrayList<>(List.of(environment.getOrDefault("PATH", "").split(File.pathSeparator)));
        if (!versionedDirectories) {
            return dirs.stream().filter(d -> !d.isEmpty()).distinct().toList();
        }
        children(DEBIAN_PARENT).forEach(p -> dirs.add(p.resolve("bin").toString()));
        children(RHEL_PREFIX).stream().filter(p -> p.getFileName().toString().startsWith("pgsql-")).forEach(p -> dirs.add(p.resolve("bin").toString()));
        return dirs.stream().filter(d -> !d.isEmpty()).distinct().toList();
    }

    /** Newest version first, so that a directory listing's order does not decide. */
    private static List<Path> children(Path parent) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(Files::isDirectory).sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath();
        }
    }
}
