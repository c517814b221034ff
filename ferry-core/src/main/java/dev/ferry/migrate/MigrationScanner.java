package dev.ferry.migrate;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds migration files: Flyway names ({@code V1__create_users.sql}, {@code U1__…},
 * {@code R__views.sql}) anywhere below the location, and the Prisma layout
 * ({@code 20240101120000_init/migration.sql}, {@code 01_init/migration.sql}). Other files are left
 * alone; a file that looks like a migration but is misnamed is an error (see {@link MigrationName}),
 * and so is a directory of SQL where nothing is recognised, so nothing is ever silently skipped.
 */
public final class MigrationScanner {
    /** The folder of data migrations (ferry data), which the schema's migrations leave alone. */
    public static final String DATA_MIGRATIONS = "data";

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
        if (Files.isRegularFile(dir)) {
            throw new FerryException(ErrorCode.FILE_NOT_FOUND, dir + " is a file, not a directory: migrations are read from the directory that holds them",
                    "pass the directory, e.g. --dir " + (dir.getParent() == null ? "migrations" : dir.getParent().toString()));
        }
        if (!Files.isDirectory(dir)) {
            throw new FerryException(ErrorCode.FILE_NOT_FOUND, "the migrations directory " + dir + " does not exist",
                    "create it, pass --dir DIR, or set migrations: in ferry.yaml");
        }
        List<MigrationFile> files = new ArrayList<>();
        List<String> prismaFolders = new ArrayList<>();
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            Path data = dir.resolve(DATA_MIGRATIONS);
            all = walk.filter(p -> !p.equals(dir) && !p.startsWith(data)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        for (Path p : all.stream().filter(Files::isRegularFile).toList()) {
            String relative = relative(dir, p);
            MigrationName.parse(relative).ifPresent(name -> {
                files.add(name.toFile(relative, SqlText.decode(read(p), relative)));
                if (name.prismaFolder() != null) {
                    prismaFolders.add(name.prismaFolder());
                }
            });
        }
        checkPrismaOrder(prismaFolders);
        if (files.isEmpty()) {
            refuseUnrecognised(dir, all);
        }
        return new MigrationSet(dir.toString(), files);
    }

    /**
     * Prisma applies its folders in lexicographic order of their names; Ferry orders them by the
     * number each name starts with. The two must agree, or Ferry would apply them in another order.
     */
    private static void checkPrismaOrder(List<String> folders) {
        List<String> byName = folders.stream().sorted().toList();
        for (int i = 1; i < byName.size(); i++) {
            String before = byName.get(i - 1);
            String after = byName.get(i);
            if (MigrationVersion.parse(number(before)).compareTo(MigrationVersion.parse(number(after))) > 0) {
                throw new FerryException(ErrorCode.CONFIG, "Prisma applies its migration folders in lexicographic order of their names, so "
                        + before + " comes before " + after + ", but their numbers say the opposite; Ferry would apply them in another order",
                        "write the numbers with the same count of digits (e.g. 02_..., 10_...), so both orders agree");
            }
        }
    }

    private static String number(String folder) {
        int end = 0;
        while (end < folder.length() && Character.isDigit(folder.charAt(end))) {
            end++;
        }
        return folder.substring(0, end);
    }

    /** A directory of SQL files or folders where nothing is a migration is a misconfiguration, not "up to date". */
    private static void refuseUnrecognised(Path dir, List<Path> all) {
        List<String> sql = all.stream().filter(Files::isRegularFile).map(p -> relative(dir, p))
                .filter(r -> r.toLowerCase(Locale.ROOT).endsWith(".sql")).toList();
        List<String> folders = all.stream().filter(Files::isDirectory).map(p -> relative(dir, p))
                .filter(r -> !r.startsWith(".") && !r.contains("/.")).toList();
        if (sql.isEmpty() && folders.isEmpty()) {
            return;
        }
        throw new FerryException(ErrorCode.CONFIG, "no file in " + dir + " is a migration Ferry recognises, yet it holds "
                + found(sql, ".sql file") + (!sql.isEmpty() && !folders.isEmpty() ? " and " : "") + found(folders, "folder"),
                "check that --dir (or migrations: in ferry.yaml) points at the migrations; Ferry reads V<version>__<description>.sql,"
                        + " U<version>__<description>.sql and R__<description>.sql files, and Prisma folders <number>_<name>/migration.sql");
    }

    private static String found(List<String> names, String what) {
        if (names.isEmpty()) {
            return "";
        }
        String shown = String.join(", ", names.stream().limit(5).toList()) + (names.size() > 5 ? ", …" : "");
        return names.size() + " " + what + (names.size() == 1 ? "" : "s") + " (" + shown + ")";
    }

    static MigrationSet scanClasspath(String path, ClassLoader loader) {
        String prefix = path.endsWith("/") ? path : path + "/";
        List<MigrationFile> files = new ArrayList<>();
        List<String> prismaFolders = new ArrayList<>();
        for (String relative : listResources(prefix, loader)) {
            MigrationName.parse(relative).ifPresent(name -> {
                try (InputStream in = loader.getResourceAsStream(prefix + relative)) {
                    files.add(name.toFile(relative, SqlText.decode(in.readAllBytes(), "classpath:" + prefix + relative)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read classpath:" + prefix + relative, e);
                }
                if (name.prismaFolder() != null) {
                    prismaFolders.add(name.prismaFolder());
                }
            });
        }
        checkPrismaOrder(prismaFolders);
        return new MigrationSet("classpath:" + path, files);
    }

    private static List<String> listResources(String prefix, ClassLoader loader) {
        List<String> names = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(prefix))) {
                if (url.getProtocol().equals("file")) {
                    Path dir = Path.of(url.toURI());
                    try (Stream<Path> walk = Files.walk(dir)) {
                        walk.filter(Files::isRegularFile).forEach(p -> names.add(relative(dir, p)));
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
        return names.stream().sorted(Comparator.naturalOrder()).distinct().toList();
    }

    private static String relative(Path dir, Path p) {
        return dir.relativize(p).toString().replace('\\', '/');
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
