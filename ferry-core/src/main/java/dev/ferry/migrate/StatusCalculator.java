package dev.ferry.migrate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the migration files with the history, row by row. A history row is matched to a file
 * by version, then (for renamed files) by checksum; what is left over is pending, out of order,
 * below the baseline, or missing.
 */
final class StatusCalculator {
    private static final String MISSING_FIX = "restore %s (its content is what the database has), or, if it was removed on purpose"
            + " (e.g. squashed), run `ferry repair --forget-missing` to remove its history entry";
    private final MigrationSet files;
    private final List<HistoryRow> rows;
    private final List<MigrationStatus> result = new ArrayList<>();
    private final Set<MigrationFile> claimed = new HashSet<>();
    /** Built once: matching must stay linear, since `ferry status` over 1,000 migrations has a time budget. */
    private final Map<MigrationVersion, MigrationFile> filesByVersion = new HashMap<>();
    private final Set<MigrationVersion> appliedVersions = new HashSet<>();

    private StatusCalculator(MigrationSet files, List<HistoryRow> rows) {
        this.files = files;
        this.rows = rows;
        files.versioned().forEach(f -> filesByVersion.put(f.version(), f));
    }

    static List<MigrationStatus> calculate(MigrationSet files, List<HistoryRow> rows) {
        StatusCalculator c = new StatusCalculator(files, rows);
        c.run();
        return c.result;
    }

    private void run() {
        Map<MigrationVersion, HistoryRow> applied = new LinkedHashMap<>();
        Map<MigrationVersion, HistoryRow> undone = new LinkedHashMap<>();
        MigrationVersion baseline = null;
        for (HistoryRow row : rows) {
            switch (row.kind()) {
                case BASELINE -> {
                    baseline = row.parsedVersion();
                    result.add(status(row, MigrationState.BASELINE, null, null));
                }
                case VERSIONED -> {
                    if (row.success()) {
                        applied.put(row.parsedVersion(), row);
                        undone.remove(row.parsedVersion());
                    } else {
                        result.add(status(row, MigrationState.FAILED, row.failedStatement(),
                                "fix " + row.script() + ", clean up what it left, then run `ferry repair` to clear the failed entry"));
                    }
                }
                case UNDO -> {
                    if (!row.success()) {
                        // An undo that failed half-way: the version is still applied, with a failed entry that repair clears.
                        result.add(status(row, MigrationState.FAILED, row.failedStatement(), "fix " + row.script()
                                + ", finish or reverse by hand what its committed statements did, then run `ferry repair` to clear the failed entry"));
                        continue;
                    }
                    HistoryRow was = applied.remove(row.parsedVersion());
                    if (was != null) {
                        undone.put(row.parsedVersion(), was);
                    }
                }
                case REPEATABLE -> { }
            }
        }
        appliedVersions.addAll(applied.keySet());
        applied.forEach(this::matchApplied);
        MigrationVersion highest = applied.keySet().stream().max(Comparator.naturalOrder()).orElse(null);
        for (MigrationFile f : files.versioned()) {
            if (!claimed.contains(f)) {
                result.add(unapplied(f, baseline, highest, undone.containsKey(f.version())));
            }
        }
        repeatables();
        Map<String, MigrationVersion> parsed = new HashMap<>();
        result.sort(Comparator.comparing((MigrationStatus s) -> s.version() == null ? 1 : 0)
                .thenComparing(s -> s.version() == null ? null : parsed.computeIfAbsent(s.version(), MigrationVersion::parse),
                        Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(MigrationStatus::rank));
    }

    private void matchApplied(MigrationVersion version, HistoryRow row) {
        Optional<MigrationFile> sameVersion = Optional.ofNullable(filesByVersion.get(version));
        if (sameVersion.isPresent()) {
            MigrationFile f = sameVersion.get();
            claimed.add(f);
            if (!f.checksum().equals(row.checksum())) {
                result.add(edited(row, f));
            } else if (!f.script().equals(row.script())) {
                result.add(renamed(row, f));
            } else {
                result.add(status(row, MigrationState.APPLIED, null, null));
            }
            return;
        }
        Optional<MigrationFile> sameContent = files.versioned().stream()
                .filter(f -> !claimed.contains(f) && f.checksum().equals(row.checksum()) && !appliedVersion(f.version()))
                .findFirst();
        if (sameContent.isPresent()) {
            claimed.add(sameContent.get());
            result.add(renamed(row, sameContent.get()));
        } else {
            result.add(status(row, MigrationState.MISSING, "applied from " + row.script() + ", which is no longer there",
                    MISSING_FIX.formatted(row.script())));
        }
    }

    /**
     * Named after the file as it is now (repair finds it by that name), with the history row's
     * rank; a file renamed as well says what it was called.
     */
    private static MigrationStatus edited(HistoryRow row, MigrationFile f) {
        String detail = f.script().equals(row.script()) ? f.script() + " changed after it was applied"
                : "was " + row.script() + "; changed after it was applied";
        return new MigrationStatus(f.version().toString(), f.description(), MigrationKind.VERSIONED, f.script(), MigrationState.EDITED, detail,
                "restore " + f.script() + " as it was applied and put the change in a new migration, or run `ferry repair --accept-edits`",
                row.installedAt(), row.executionMs(), row.rank(), f.script().equals(row.script()) ? null : row.script());
    }

    private boolean appliedVersion(MigrationVersion v) {
        return appliedVersions.contains(v);
    }

    private MigrationStatus renamed(HistoryRow row, MigrationFile f) {
        return new MigrationStatus(f.version().toString(), f.description(), MigrationKind.VERSIONED, f.script(), MigrationState.RENAMED,
                "was " + (row.version().equals(f.version().toString()) ? "" : "V" + row.version() + " ") + row.script(),
                "run `ferry repair` to point the history at " + f.script() + " (nothing is run again)", row.installedAt(), row.executionMs(), row.rank(),
                row.script());
    }

    private MigrationStatus unapplied(MigrationFile f, MigrationVersion baseline, MigrationVersion highest, boolean wasUndone) {
        if (baseline != null && f.version().compareTo(baseline) <= 0) {
            return file(f, MigrationState.BELOW_BASELINE, "the baseline " + baseline + " stands for it", null);
        }
        if (highest != null && f.version().compareTo(highest) < 0) {
            return file(f, MigrationState.OUT_OF_ORDER, "V" + highest + " is already applied",
                    "`ferry migrate --out-of-order` applies it, or give it a version above " + highest);
        }
        return file(f, wasUndone ? MigrationState.UNDONE : MigrationState.PENDING, null, null);
    }

    private void repeatables() {
        Map<String, HistoryRow> latest = new LinkedHashMap<>();
        rows.stream().filter(r -> r.kind() == MigrationKind.REPEATABLE && r.success()).forEach(r -> latest.put(r.description(), r));
        for (MigrationFile f : files.repeatable()) {
            HistoryRow row = latest.remove(f.description());
            if (row == null) {
                result.add(file(f, MigrationState.PENDING, null, null));
            } else if (!row.checksum().equals(f.checksum())) {
                result.add(new MigrationStatus(null, f.description(), MigrationKind.REPEATABLE, f.script(), MigrationState.REPEATABLE_OUTDATED,
                        "changed since it was last applied; migrate applies it again", null, row.installedAt(), row.executionMs(), row.rank(), null));
            } else {
                result.add(status(row, MigrationState.APPLIED, null, null));
            }
        }
        latest.values().forEach(row -> result.add(status(row, MigrationState.MISSING, "applied from " + row.script() + ", which is no longer there",
                MISSING_FIX.formatted(row.script()))));
    }

    private static MigrationStatus status(HistoryRow row, MigrationState state, String detail, String fix) {
        return new MigrationStatus(row.version(), row.description(), row.kind(), row.script(), state, detail, fix, row.installedAt(), row.executionMs(), row.rank(), null);
    }

    private static MigrationStatus file(MigrationFile f, MigrationState state, String detail, String fix) {
        return new MigrationStatus(f.version() == null ? null : f.version().toString(), f.description(), f.kind(), f.script(), state, detail, fix, null, -1, 0, null);
    }
}
