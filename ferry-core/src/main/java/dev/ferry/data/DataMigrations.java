package dev.ferry.data;

import dev.ferry.connect.TextFiles;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.migrate.Checksums;
import dev.ferry.migrate.MigrationVersion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The data migrations of a directory ({@code migrations/data}), ordered by version. */
public final class DataMigrations {
    private static final Pattern NAME = Pattern.compile("D(\\d+(?:[._]\\d+)*)__(.+)\\.sql");
    private static final Pattern LOOKS_LIKE = Pattern.compile("(?i)d[^a-z].*\\.sql|d[a-z0-9._-]*__.*\\.sql");

    private DataMigrations() {
    }

    /** Every {@code D<version>__<description>.sql} of {@code dir} (none when it does not exist); a near miss or a repeated version is an error. */
    public static List<DataMigration> scan(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new FerryException(ErrorCode.CONFIG, "cannot read the data migrations in " + dir + ": " + e.getMessage(), "check the directory's permissions");
        }
        List<DataMigration> found = new ArrayList<>();
        Map<MigrationVersion, Path> versions = new HashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                if (LOOKS_LIKE.matcher(name).matches()) {
                    throw new FerryException(ErrorCode.CONFIG, dir.resolve(name) + " looks like a data migration but is not named as one",
                            "name it D<version>__<description>.sql, e.g. D1__split_bank_details.sql");
                }
                continue;
            }
            MigrationVersion version = MigrationVersion.parse(m.group(1).replace('_', '.'));
            Path other = versions.put(version, file);
            if (other != null) {
                throw new FerryException(ErrorCode.CONFIG, "data migrations " + other.getFileName() + " and " + name + " have the same version " + version,
                        "give one of them another version");
            }
            String sql = TextFiles.readUtf8(file, "the data migration", "check the file");
            found.add(new DataMigration(version.toString(), version, m.group(2).replace('_', ' '), file, sql, BatchDirective.find(file, sql).orElse(null),
                    Checksums.of(sql)));
        }
        found.sort((a, b) -> a.version().compareTo(b.version()));
        return List.copyOf(found);
    }
}
