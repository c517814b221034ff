package dev.ferry.migrate;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds migration files: Flyway names ({@code V1__create_users.sql}, {@code U1__…},
 * {@code R__views.sql}) anywhere below the location, and the Prisma layout
 * ({@code 20240101120000_init/migration.sql}). Other files are left alone; a file that looks like a
 * migration but is misnamed is an error, so it is never silently skipped.
 */
public final class MigrationScanner {
    private static final Pattern FLYWAY = Pattern.compile("([VU])(\\d+(?:[._]\\d+)*)__(.+)\\.sql");
    private static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql");
    private static final Pattern LOOKS_LIKE_MIGRATION = Pattern.compile("([VU]\\d.*|R_.*)\\.sql");
    private static final Pattern PRISMA_DIR = Pattern.compile("(\\d{14})_(.+)");

    private MigrationScanner() {
    }

    /** Reads a directory; {@code classpath:PATH} reads from the class path instead. */
    public static MigrationSet scan(String location, Path workDir, ClassLoader loader) {
        if (location.startsWith("classpath:")) {
            return scanClasspath(location.substring("classpath:".length()), loader);
        }
        return scanDirectory(workDir.resolve(location));
    }

    public static MigrationSet scanDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new FerryException(ErrorCode.FILE_NOT_FOUND, "the migrations directory " + dir + " does not exist",
                    "create it, pass --dir DIR, or set migrations: in ferry.yaml");
        }
        List<MigrationFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String relative = dir.relativize(p).toString().replace('\\', '/');
                parse(relative).ifPresent(meta -> files.add(meta.toFile(relative, read(p))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        return new MigrationSet(dir.toString(), files);
    }

    static MigrationSet scanClasspath(String path, ClassLoader loader) {
        String prefix = path.endsWith("/") ? path : path + "/";
        List<MigrationFile> files = new ArrayList<>();
        for (String relative : listResources(prefix, loader)) {
            parse(relative).ifPresent(meta -> {
                try (InputStream in = loader.getResourceAsStream(prefix + relative)) {
                    files.add(meta.toFile(relative, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read classpath:" + prefix + relative, e);
                }
            });
        }
        return new MigrationSet("classpath:" + path, files);
    }

    private static List<String> listResources(String prefix, ClassLoader loader) {
        List<String> names = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(prefix))) {
                if (url.getProtocol().equals("file")) {
                    Path dir = Path.of(url.toURI());
                    try (Stream<Path> walk = Files.walk(dir)) {
                        walk.filter(Files::isRegularFile).forEach(p -> names.add(dir.relativize(p).toString().replace('\\', '/')));
                    }
                } else if (url.getProtocol().equals("jar")) {
                    JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile();
                    for (JarEntry e : Collections.list(jar.entries())) {
                        if (!e.isDirectory() && e.getName().startsWith(prefix)) {
                            names.add(e.getName().substring(prefix.length()));
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list classpath:" + prefix, e);
        }
        if (names.isEmpty()) {
            throw new FerryException(ErrorCode.FILE_NOT_FOUND, "no migrations found at classpath:" + prefix,
                    "put V1__name.sql files under src/main/resources/" + prefix);
        }
        return names.stream().sorted().distinct().toList();
    }

    /** What a file name says about the migration, or empty when it is not a migration at all. */
    private record Meta(MigrationKind kind, String version, String description) {
        MigrationFile toFile(String script, String sql) {
            return new MigrationFile(kind, version == null ? null : MigrationVersion.parse(version), description, script, Checksums.of(sql), sql);
        }
    }

    private static Optional<Meta> parse(String relative) {
        String[] segments = relative.split("/");
        String name = segments[segments.length - 1];
        if (name.equals("migration.sql") && segments.length >= 2) {
            Matcher prisma = PRISMA_DIR.matcher(segments[segments.length - 2]);
            if (prisma.matches()) {
                return Optional.of(new Meta(MigrationKind.VERSIONED, prisma.group(1), prisma.group(2).replace('_', ' ')));
            }
        }
        Matcher m = FLYWAY.matcher(name);
        if (m.matches()) {
            return Optional.of(new Meta(m.group(1).equals("V") ? MigrationKind.VERSIONED : MigrationKind.UNDO, m.group(2), m.group(3).replace('_', ' ')));
        }
        Matcher r = REPEATABLE.matcher(name);
        if (r.matches()) {
            return Optional.of(new Meta(MigrationKind.REPEATABLE, null, r.group(1).replace('_', ' ')));
        }
        if (LOOKS_LIKE_MIGRATION.matcher(name).matches()) {
            throw new FerryException(ErrorCode.CONFIG, relative + " looks like a migration but its name does not parse",
                    "name it V<version>__<description>.sql (two underscores), U<version>__<description>.sql or R__<description>.sql");
        }
        return Optional.empty();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
