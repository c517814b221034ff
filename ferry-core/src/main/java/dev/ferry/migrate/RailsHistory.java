package dev.ferry.migrate;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Rails: {@code db/migrate/<version>_<name>.rb} against {@code schema_migrations(version)}. A
 * version is up when its row exists; Rails keeps no checksum. The name is the migration's class
 * and Rails refuses two migrations of one name, so a recorded version with no file is paired with
 * the unrecorded file that now carries the name it had, which git's history of the directory
 * tells.
 */
final class RailsHistory implements ToolHistory {
    /** Rails's own pattern (ActiveRecord::Migration::MigrationFilenameRegexp): version, name, optional scope. */
    private static final Pattern FILE = Pattern.compile("([0-9]+)_([_a-z0-9]*)\\.?([_a-z0-9]*)?\\.rb");

    private final Path directory;
    private final Supplier<GitPaths> git;

    RailsHistory(Path directory, Supplier<GitPaths> git) {
        this.directory = directory;
        this.git = git;
    }

    /** A migration file: its version as Rails compares it (a number), and its name. */
    private record RailsFile(BigInteger version, String name, String file) {
        static Optional<RailsFile> parse(String file) {
            Matcher m = FILE.matcher(file);
            return m.matches() ? Optional.of(new RailsFile(new BigInteger(m.group(1)), m.group(2), file)) : Optional.empty();
        }
    }

    @Override
    public Comparison compare(Connection c, ToolTable table) throws SQLException {
        Map<BigInteger, RailsFile> files = files();
        List<String> recorded = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = table.query(s, "version", "version")) {
            while (r.next()) {
                recorded.add(r.getString(1));
            }
        }
        List<MigrationStatus> statuses = new ArrayList<>();
        List<String> orphans = new ArrayList<>();
        for (String version : recorded) {
            BigInteger v = number(version);
            if (v != null && files.containsKey(v)) {
                statuses.add(status(files.remove(v), MigrationState.APPLIED, null, null, null));
            } else {
                orphans.add(version);
            }
        }
        return pair(orphans, files, statuses);
    }

    /** Pairs each recorded version without a file with the one unrecorded file of its former name. */
    private Comparison pair(List<String> orphans, Map<BigInteger, RailsFile> unrecorded, List<MigrationStatus> statuses) {
        List<RowChange> renames = new ArrayList<>();
        List<MigrationStatus> ambiguous = new ArrayList<>();
        Map<BigInteger, String> formerNames = orphans.isEmpty() ? Map.of() : formerNames();
        Map<String, Long> orphansPerName = orphans.stream().map(v -> formerNames.get(number(v))).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.groupingBy(n -> n, java.util.stream.Collectors.counting()));
        List<RailsFile> unclaimed = List.copyOf(unrecorded.values());
        for (String version : orphans) {
            String former = formerNames.get(number(version));
            List<RailsFile> candidates = former == null ? List.of() : unclaimed.stream().filter(f -> f.name().equals(former)).toList();
            if (candidates.size() == 1 && orphansPerName.get(former) == 1) {
                RailsFile now = candidates.get(0);
                unrecorded.remove(now.version());
                statuses.add(status(now, MigrationState.RENAMED, "was " + version,
                        "run `ferry repair --history rails` to record it as " + now.version() + " (nothing is run again)", version + "_" + former + ".rb"));
                renames.add(new RowChange(Map.of(), Map.of("version", version), Map.of("version", now.version().toString())));
            } else if (!candidates.isEmpty()) {
                MigrationStatus line = orphanLine(version, former, MigrationState.AMBIGUOUS, ambiguity(version, former, candidates, orphansPerName.get(former)),
                        "Rails refuses two migrations of one name too: keep one file named " + former + " per recorded version, then run"
                                + " `ferry repair --history rails`");
                statuses.add(line);
                ambiguous.add(line);
            } else {
                statuses.add(orphanLine(version, former, MigrationState.MISSING, missing(version, former),
                        "restore the file; if it was renamed, rename it back or commit the rename so that git tells Ferry its former name"));
            }
        }
        unrecorded.values().forEach(f -> statuses.add(status(f, MigrationState.PENDING, null, null, null)));
        statuses.sort(java.util.Comparator.comparing((MigrationStatus s) -> number(s.version()), java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        return new Comparison(statuses, renames, ambiguous);
    }

    private static String ambiguity(String version, String former, List<RailsFile> candidates, long orphans) {
        String files = String.join(", ", candidates.stream().map(RailsFile::file).toList());
        return "recorded as " + version + "; " + (candidates.size() > 1 ? candidates.size() + " files now carry the name " + former + ": " + files
                : orphans + " recorded versions had the name " + former + ", and one file carries it now: " + files);
    }

    private String missing(String version, String former) {
        if (former != null) {
            return "recorded, but " + version + "_" + former + ".rb is gone and no unrecorded file is named " + former;
        }
        GitPaths paths = git.get();
        return "recorded, but no file in " + directory + " has this version, and its former name is not known"
                + (paths.reason() != null ? " (" + paths.reason() + ")" : " (git's history of the directory has no file of this version)");
    }

    /** Version → the name its file had, from every file name the directory has held in git. */
    private Map<BigInteger, String> formerNames() {
        Map<BigInteger, String> names = new HashMap<>();
        for (String name : git.get().names()) {
            RailsFile.parse(name).ifPresent(f -> names.putIfAbsent(f.version(), f.name()));
        }
        return names;
    }

    private Map<BigInteger, RailsFile> files() {
        if (!Files.isDirectory(directory)) {
            throw new FerryException(ErrorCode.FILE_NOT_FOUND, "the Rails migrations directory " + directory + " does not exist",
                    "run ferry from the application's root (where db/migrate is), or pass --dir");
        }
        Map<BigInteger, RailsFile> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(directory)) {
            for (String name : list.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList()) {
                Optional<RailsFile> f = RailsFile.parse(name);
                if (f.isEmpty()) {
                    continue;
                }
                RailsFile other = files.putIfAbsent(f.get().version(), f.get());
                if (other != null) {
                    throw new FerryException(ErrorCode.CONFIG, "two Rails migrations have the version " + f.get().version() + ": " + other.file()
                            + " and " + name, "Rails refuses this too (DuplicateMigrationVersionError): give one of them a new version");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory, e);
        }
        return files;
    }

    private static MigrationStatus status(RailsFile f, MigrationState state, String detail, String fix, String formerScript) {
        return new MigrationStatus(f.version().toString(), f.name().replace('_', ' '), MigrationKind.VERSIONED, f.file(), state, detail, fix,
                null, -1, 0, formerScript);
    }

    private static MigrationStatus orphanLine(String version, String former, MigrationState state, String detail, String fix) {
        return new MigrationStatus(version, former == null ? "(name unknown)" : former.replace('_', ' '), MigrationKind.VERSIONED,
                former == null ? version + "_?.rb" : version + "_" + former + ".rb", state, detail, fix, null, -1, 0, null);
    }

    private static BigInteger number(String version) {
        return version != null && version.matches("[0-9]+") ? new BigInteger(version) : null;
    }
}
