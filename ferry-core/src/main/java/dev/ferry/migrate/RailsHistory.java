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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Rails: {@code db/migrate/<version>_<name>.rb} against {@code schema_migrations(version)}. A
 * version is up when its row exists; Rails keeps no checksum. The name is the migration's class
 * and Rails refuses two migrations of one name. A recorded version with no file is paired with the
 * unrecorded file git shows its file renamed to (a deleted file and a new one of the same name are
 * not a rename: the new one is a migration of its own); another file carrying that name is
 * ambiguous, and a version that git shows renamed away while another file took it is refused.
 */
final class RailsHistory implements ToolHistory {
    /** Rails's own pattern (ActiveRecord::Migration::MigrationFilenameRegexp): version, name, optional scope. */
    private static final Pattern FILE = Pattern.compile("([0-9]+)_([_a-z0-9]*)\\.?([_a-z0-9]*)?\\.rb");

    private final Path directory;
    private final Supplier<GitRenames> git;

    RailsHistory(Path directory, Supplier<GitRenames> git) {
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
        Map<BigInteger, RailsFile> unrecorded = files();
        Map<String, Long> filesPerName = unrecorded.values().stream().collect(Collectors.groupingBy(RailsFile::name, Collectors.counting()));
        List<String> recorded = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = table.query(s, "version", "version")) {
            while (r.next()) {
                recorded.add(r.getString(1));
            }
        }
        GitRenames git = this.git.get();
        List<MigrationStatus> statuses = new ArrayList<>();
        List<RowChange> renames = new ArrayList<>();
        List<MigrationStatus> ambiguous = new ArrayList<>();
        Map<BigInteger, RailsFile> byVersion = Map.copyOf(unrecorded);
        Set<BigInteger> recordedVersions = recorded.stream().map(RailsHistory::number).filter(Objects::nonNull).collect(Collectors.toSet());
        for (String version : recorded) {
            RailsFile now = number(version) == null ? null : byVersion.get(number(version));
            Map<String, String> bore = bore(git, version);
            Set<String> became = Set.copyOf(bore.values());
            String becameName = became.size() == 1 ? became.iterator().next() : null;
            String deployedAs = bore.isEmpty() ? null : bore.keySet().iterator().next();
            if (became.size() > 1) {
                // Several files bore this version at some time and went different ways: the row cannot be told to be any one's.
                MigrationStatus line = now != null ? status(now, MigrationState.AMBIGUOUS, boreMany(version, bore), SHIFTED, null)
                        : orphanLine(version, deployedAs, MigrationState.AMBIGUOUS, boreMany(version, bore), SHIFTED);
                if (now != null) {
                    unrecorded.remove(now.version());
                }
                statuses.add(line);
                ambiguous.add(line);
            } else if (now != null && (becameName == null || becameName.equals(now.file()))) {
                unrecorded.remove(now.version());
                statuses.add(status(now, MigrationState.APPLIED, null, null, null));
            } else if (now != null) {
                // The version's file was renamed away and another file took its version: the row is not this file's.
                unrecorded.remove(now.version());
                MigrationStatus line = status(now, MigrationState.AMBIGUOUS, "version " + version + " is recorded for " + deployedAs
                        + ", which git shows renamed to " + becameName + "; " + now.file() + " took its version since", SHIFTED, null);
                statuses.add(line);
                ambiguous.add(line);
            } else {
                RailsFile target = becameName == null ? null : byVersion.values().stream().filter(f -> f.file().equals(becameName)).findFirst().orElse(null);
                if (target != null && recordedVersions.contains(target.version())) {
                    MigrationStatus line = orphanLine(version, deployedAs, MigrationState.AMBIGUOUS, "recorded as " + version
                            + "; git shows it renamed to " + target.file() + ", whose version is recorded for another migration", SHIFTED);
                    statuses.add(line);
                    ambiguous.add(line);
                } else {
                    pair(version, deployedAs, target, filesPerName, git, unrecorded, statuses, renames, ambiguous);
                }
            }
        }
        unrecorded.values().forEach(f -> statuses.add(status(f, MigrationState.PENDING, null, null, null)));
        statuses.sort(Comparator.comparing((MigrationStatus st) -> number(st.version()), Comparator.nullsLast(Comparator.naturalOrder())));
        return new Comparison(statuses, renames, ambiguous);
    }

    private static final String SHIFTED = "the renames shifted versions onto other files; give the renamed files versions that no recorded"
            + " migration has (new timestamps), then run `ferry repair --history rails`";

    /** A recorded version without a file: paired with the unrecorded file git shows its file renamed to. */
    private void pair(String version, String deployedAs, RailsFile became, Map<String, Long> filesPerName, GitRenames git,
                      Map<BigInteger, RailsFile> unrecorded, List<MigrationStatus> statuses, List<RowChange> renames, List<MigrationStatus> ambiguous) {
        if (became != null && filesPerName.get(became.name()) == 1) {
            unrecorded.remove(became.version());
            statuses.add(status(became, MigrationState.RENAMED, "was " + version,
                    "run `ferry repair --history rails` to record it as " + became.version() + " (nothing is run again)", deployedAs));
            renames.add(new RowChange(Map.of(), Map.of("version", version), Map.of("version", became.version().toString())));
        } else if (became != null) {
            unrecorded.remove(became.version());
            List<String> same = unrecorded.values().stream().filter(f -> f.name().equals(became.name())).map(RailsFile::file).toList();
            MigrationStatus line = orphanLine(version, deployedAs, MigrationState.AMBIGUOUS, "recorded as " + version + "; git shows it renamed to "
                    + became.file() + ", and " + String.join(", ", same) + " carry the same name (class) too",
                    "Rails refuses two migrations of one name: keep one file named " + became.name() + ", then run `ferry repair --history rails`");
            statuses.add(line);
            ambiguous.add(line);
        } else {
            statuses.add(orphanLine(version, deployedAs, MigrationState.MISSING, missing(version, deployedAs, git),
                    "restore the file; if it was renamed, commit the rename (git mv) so that git tells Ferry which file it became"));
        }
    }

    /** Each name of this version that git saw in a rename → the name its file has now. */
    private static Map<String, String> bore(GitRenames git, String version) {
        BigInteger v = number(version);
        Map<String, String> bore = new java.util.TreeMap<>();
        if (v != null) {
            git.names().stream().filter(name -> RailsFile.parse(name).map(f -> f.version().equals(v)).orElse(false))
                    .forEach(name -> bore.put(name, git.finalName(name)));
        }
        return bore;
    }

    private static String boreMany(String version, Map<String, String> bore) {
        return "version " + version + " was borne by " + String.join(" and ", bore.entrySet().stream()
                .map(e -> e.getKey() + (e.getKey().equals(e.getValue()) ? "" : " (now " + e.getValue() + ")")).toList())
                + " in git's history: Ferry cannot tell which of them the recorded row is for";
    }

    private String missing(String version, String deployedAs, GitRenames git) {
        if (deployedAs != null) {
            return "recorded; git shows " + deployedAs + " renamed to " + git.finalName(deployedAs) + ", which is not in " + directory;
        }
        return "recorded, but no file in " + directory + " has this version, and " + (git.reason() != null
                ? "git cannot tell which file it became (" + git.reason() + ")" : "git's history shows no file of this version renamed");
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

    private static MigrationStatus orphanLine(String version, String deployedAs, MigrationState state, String detail, String fix) {
        Optional<RailsFile> was = deployedAs == null ? Optional.empty() : RailsFile.parse(deployedAs);
        return new MigrationStatus(version, was.map(f -> f.name().replace('_', ' ')).orElse("(name unknown)"), MigrationKind.VERSIONED,
                deployedAs == null ? version + "_?.rb" : deployedAs, state, detail, fix, null, -1, 0, null);
    }

    private static BigInteger number(String version) {
        return version != null && version.matches("[0-9]+") ? new BigInteger(version) : null;
    }
}
