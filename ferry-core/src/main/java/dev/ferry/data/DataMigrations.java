package dev.ferry.data;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.connect.TextFiles;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.migrate.MigrationVersion;
import dev.ferry.spi.Database;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The data migrations of a directory ({@code migrations/data}), ordered by version: its SQL files, its
 * command files ({@code .cmd}, see {@link CommandDataMigration}), and the {@link DataMigration} classes that the jars in it or on {@code --classpath} declare in
 * {@code META-INF/services/dev.ferry.data.DataMigration}.
 */
public final class DataMigrations {
    private static final Pattern NAME = Pattern.compile("D(\\d+(?:[._]\\d+)*)__(.+?)(\\.verify|\\.down)?\\.sql");
    private static final Pattern COMMAND = Pattern.compile("D(\\d+(?:[._]\\d+)*)__(.+?)\\.cmd");
    private static final Pattern LOOKS_LIKE = Pattern.compile("(?i)d[^a-z].*\\.(sql|cmd)|d[a-z0-9._-]*__.*\\.(sql|cmd)");

    private DataMigrations() {
    }

    /**
     * Every data migration of {@code dir} (none when it does not exist) and of {@code classpath}; a
     * near miss in a file name, a class that cannot load, a command file that holds no command, or a
     * repeated version is an error.
     *
     * @param database the database they run against: how it reads SQL (MySQL's backslash escapes), and
     *                 its URL, which command files pass on to their processes
     * @param workDir  where the commands of command files run, and their relative paths start: the
     *                 workspace directory (of ferry.yaml, or the working directory)
     */
    public static List<DataMigration> scan(Path dir, List<Path> classpath, Database database, Path workDir) {
        List<DataMigration> found = new ArrayList<>(sqlFiles(dir, database.dialect().backslashEscapes()));
        found.addAll(commandFiles(dir, database.url(), workDir));
        found.addAll(classes(dir, classpath));
        Map<MigrationVersion, DataMigration> versions = new HashMap<>();
        for (DataMigration m : found) {
            DataMigration other = versions.put(version(m), m);
            if (other != null) {
                throw new FerryException(ErrorCode.CONFIG, "data migrations " + other.origin() + " and " + m.origin() + " have the same version " + m.id(),
                        "give one of them another version");
            }
        }
        found.sort((a, b) -> version(a).compareTo(version(b)));
        return List.copyOf(found);
    }

    private static MigrationVersion version(DataMigration m) {
        return m instanceof FileDataMigration f ? f.version() : MigrationVersion.parse(m.id());
    }

    private static List<DataMigration> commandFiles(Path dir, DatabaseUrl url, Path workDir) {
        List<DataMigration> found = new ArrayList<>();
        for (Path file : files(dir)) {
            Matcher m = COMMAND.matcher(file.getFileName().toString());
            if (m.matches()) {
                String text = TextFiles.readUtf8(file, "the data migration", "check the file");
                found.add(new CommandDataMigration(MigrationVersion.parse(m.group(1).replace('_', '.')), m.group(2).replace('_', ' '), file, text,
                        url, workDir));
            }
        }
        return found;
    }

    private static List<DataMigration> sqlFiles(Path dir, boolean backslashEscapes) {
        List<DataMigration> found = new ArrayList<>();
        for (Path file : files(dir)) {
            String name = file.getFileName().toString();
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                if (LOOKS_LIKE.matcher(name).matches() && !COMMAND.matcher(name).matches()) {
                    throw new FerryException(ErrorCode.CONFIG, dir.resolve(name) + " looks like a data migration but is not named as one",
                            "name it D<version>__<description>.sql (or .cmd for a command), e.g. D1__split_bank_details.sql");
                }
                continue;
            }
            if (m.group(3) != null) {
                continue;
            }
            MigrationVersion version = MigrationVersion.parse(m.group(1).replace('_', '.'));
            String sql = TextFiles.readUtf8(file, "the data migration", "check the file");
            String stem = name.substring(0, name.length() - ".sql".length());
            found.add(new SqlDataMigration(version, m.group(2).replace('_', ' '), file, sql, BatchDirective.find(file, sql).orElse(null),
                    companion(file.resolveSibling(stem + ".verify.sql")), companion(file.resolveSibling(stem + ".down.sql")), backslashEscapes));
        }
        for (Path file : files(dir)) {
            Matcher m = NAME.matcher(file.getFileName().toString());
            if (m.matches() && m.group(3) != null && found.stream().noneMatch(d -> d.origin().equals(
                    file.resolveSibling("D" + m.group(1) + "__" + m.group(2) + ".sql").toString()))) {
                throw new FerryException(ErrorCode.CONFIG, file + " belongs to no data migration: there is no D" + m.group(1) + "__" + m.group(2) + ".sql",
                        "name it after the migration it " + (m.group(3).equals(".verify") ? "checks" : "undoes") + ", with .verify.sql or .down.sql"
                                + " in place of .sql");
            }
        }
        return found;
    }

    private static String companion(Path file) {
        return Files.isRegularFile(file) ? TextFiles.readUtf8(file, "the data migration", "check the file") : null;
    }

    /** The DataMigration classes of the jars in {@code dir} and of {@code classpath}, by ServiceLoader. */
    private static List<DataMigration> classes(Path dir, List<Path> classpath) {
        List<URL> urls = new ArrayList<>();
        for (Path jar : files(dir)) {
            if (jar.getFileName().toString().endsWith(".jar")) {
                urls.add(url(jar));
            }
        }
        for (Path entry : classpath) {
            if (!Files.exists(entry)) {
                throw new FerryException(ErrorCode.FILE_NOT_FOUND, "--classpath names " + entry + ", which does not exist",
                        "give the jar or the directory of classes that holds your DataMigration implementations");
            }
            urls.add(url(entry));
        }
        if (urls.isEmpty()) {
            return List.of();
        }
        // kept open: the migrations' classes load lazily while they run, until the process ends
        URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), DataMigration.class.getClassLoader());
        List<DataMigration> found = new ArrayList<>();
        try {
            for (DataMigration m : ServiceLoader.load(DataMigration.class, loader)) {
                if (m.id() == null || !MigrationVersion.isVersion(m.id())) {
                    throw new FerryException(ErrorCode.CONFIG, m.getClass().getName() + ".id() gives '" + m.id() + "', which is not a version",
                            "return a version such as \"3\" or \"2.1\": data migrations run in version order");
                }
                found.add(m);
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            throw new FerryException(ErrorCode.CONFIG, "a data migration class of " + urls + " cannot be loaded: " + e.getMessage(),
                    "check META-INF/services/" + DataMigration.class.getName() + " names public classes with a public no-argument constructor,"
                            + " built for Java 17 against this Ferry's ferry-core");
        }
        return found;
    }

    private static URL url(Path path) {
        try {
            return path.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new FerryException(ErrorCode.CONFIG, "cannot read " + path + " as a class path entry: " + e.getMessage(), "give a jar or a directory");
        }
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new FerryException(ErrorCode.CONFIG, "cannot read the data migrations in " + dir + ": " + e.getMessage(), "check the directory's permissions");
        }
    }
}
