package dev.ferry.migrate;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The migration files of one location, checked for duplicates and sorted for applying. */
public final class MigrationSet {
    private final String location;
    private final List<MigrationFile> versioned;
    private final Map<MigrationVersion, MigrationFile> undo;
    private final List<MigrationFile> repeatable;

    MigrationSet(String location, List<MigrationFile> files) {
        this.location = location;
        Map<List<Object>, MigrationFile> seen = new HashMap<>();
        for (MigrationFile f : files) {
            // By value, so V1 and V1.0 collide as the versions they are.
            List<Object> key = List.of(f.kind(), f.kind() == MigrationKind.REPEATABLE ? f.description() : f.version());
            MigrationFile other = seen.putIfAbsent(key, f);
            if (other != null) {
                throw new FerryException(ErrorCode.CONFIG, "two migrations claim the same " + (f.version() == null ? "description" : "version")
                        + ": " + other.script() + " and " + f.script() + " in " + location,
                        "give one of them another version (Flyway naming: V<version>__<description>.sql)");
            }
        }
        this.versioned = files.stream().filter(f -> f.kind() == MigrationKind.VERSIONED)
                .sorted(Comparator.comparing(MigrationFile::version)).toList();
        Map<MigrationVersion, MigrationFile> u = new HashMap<>();
        files.stream().filter(f -> f.kind() == MigrationKind.UNDO).forEach(f -> u.put(f.version(), f));
        this.undo = Map.copyOf(u);
        this.repeatable = files.stream().filter(f -> f.kind() == MigrationKind.REPEATABLE)
                .sorted(Comparator.comparing(MigrationFile::description)).toList();
    }

    /** The files of several locations together, as one set (duplicates across them are errors too). */
    public static MigrationSet union(List<MigrationSet> sets) {
        if (sets.size() == 1) {
            return sets.get(0);
        }
        List<MigrationFile> all = new ArrayList<>();
        sets.forEach(s -> all.addAll(s.all()));
        return new MigrationSet(String.join(", ", sets.stream().map(MigrationSet::location).toList()), all);
    }

    public String location() {
        return location;
    }

    /** Versioned migrations, lowest version first. */
    public List<MigrationFile> versioned() {
        return versioned;
    }

    public Optional<MigrationFile> undoFor(MigrationVersion version) {
        return Optional.ofNullable(undo.get(version));
    }

    /** Repeatable migrations, by description. */
    public List<MigrationFile> repeatable() {
        return repeatable;
    }

    /**
     * The files whose effect the history says the database holds: applied ones, those under a
     * baseline, and repeatables (an outdated one as it reads now). What a drift check rebuilds.
     */
    public MigrationSet applied(List<MigrationStatus> statuses) {
        java.util.Set<String> scripts = statuses.stream()
                .filter(s -> s.state() == MigrationState.APPLIED || s.state() == MigrationState.BELOW_BASELINE
                        || s.state() == MigrationState.REPEATABLE_OUTDATED)
                .map(MigrationStatus::script).collect(java.util.stream.Collectors.toSet());
        return new MigrationSet(location, all().stream().filter(f -> f.kind() != MigrationKind.UNDO && scripts.contains(f.script())).toList());
    }

    public List<MigrationFile> all() {
        List<MigrationFile> all = new ArrayList<>(versioned);
        all.addAll(undo.values());
        all.addAll(repeatable);
        return all;
    }
}
