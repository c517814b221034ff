package dev.ferry.migrate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Flyway: {@code V<version>__<description>.sql} files against {@code flyway_schema_history}, whose
 * checksum is a CRC-32 of the file's lines. Flyway's rules are Ferry's own (Ferry's history is
 * modelled on Flyway's), so the comparison is Ferry's, run over Flyway's checksums; a renamed or
 * re-versioned file is found by checksum and its row gets the file's version, description and script.
 */
final class FlywayHistory implements ToolHistory {
    private static final String PREFIX = "flyway:";
    private final Path directory;

    FlywayHistory(Path directory) {
        this.directory = directory;
    }

    @Override
    public Comparison compare(Connection c, ToolTable table) throws SQLException {
        MigrationSet files = MigrationScanner.scanDirectory(directory);
        List<HistoryRow> rows = rows(c, table);
        Map<Integer, HistoryRow> byRank = new LinkedHashMap<>();
        rows.forEach(r -> byRank.put(r.rank(), r));
        List<MigrationFile> withFlywaySums = files.all().stream().filter(f -> f.kind() != MigrationKind.UNDO)
                .map(f -> new MigrationFile(f.kind(), f.version(), f.description(), f.script(), PREFIX + checksum(f.sql()), f.sql())).toList();
        List<MigrationStatus> statuses = new ArrayList<>();
        List<RowChange> renames = new ArrayList<>();
        List<MigrationStatus> ambiguous = new ArrayList<>();
        List<MigrationStatus> calculated = StatusCalculator.calculate(new MigrationSet(files.location(), withFlywaySums), rows);
        Set<String> unapplied = new HashSet<>();
        calculated.stream().filter(s -> s.state() == MigrationState.RENAMED || s.state() == MigrationState.PENDING
                || s.state() == MigrationState.OUT_OF_ORDER).forEach(s -> unapplied.add(s.script()));
        for (MigrationStatus s : calculated) {
            MigrationStatus line = inFlywayTerms(s);
            if (s.state() == MigrationState.RENAMED) {
                List<MigrationFile> candidates = candidates(withFlywaySums, unapplied, byRank.get(s.rank()), s);
                if (candidates.size() > 1) {
                    line = new MigrationStatus(s.version(), s.description(), s.kind(), s.script(), MigrationState.AMBIGUOUS,
                            s.detail() + "; " + candidates.size() + " files have its checksum: " + String.join(", ", candidates.stream().map(MigrationFile::script).toList()),
                            "keep one of them (or make their contents differ), then run `ferry repair --history flyway`", s.installedAt(), s.executionMs(),
                            s.rank(), s.formerScript());
                    ambiguous.add(line);
                } else {
                    renames.add(rename(byRank.get(s.rank()), s));
                }
            }
            statuses.add(line);
        }
        return new Comparison(statuses, renames, ambiguous);
    }

    /** Files a re-versioned row could stand for: its pairing and any other unapplied file of the same content. */
    private static List<MigrationFile> candidates(List<MigrationFile> files, Set<String> unapplied, HistoryRow row, MigrationStatus renamed) {
        if (row.version() != null && MigrationVersion.parse(row.version()).equals(MigrationVersion.parse(renamed.version()))) {
            return List.of(); // same version, new name: the version pairs them
        }
        return files.stream().filter(f -> f.kind() == MigrationKind.VERSIONED && f.checksum().equals(row.checksum()) && unapplied.contains(f.script()))
                .toList();
    }

    private static RowChange rename(HistoryRow row, MigrationStatus now) {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("version", row.version());
        before.put("description", row.description());
        before.put("script", row.script());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("version", now.version());
        after.put("description", now.description());
        after.put("script", now.script());
        return new RowChange(Map.of("installed_rank", row.rank()), before, after);
    }

    /** The same line with the fix a Flyway user runs. */
    private static MigrationStatus inFlywayTerms(MigrationStatus s) {
        String fix = switch (s.state()) {
            case RENAMED -> "run `ferry repair --history flyway` to point the history at " + s.script() + " (nothing is run again)";
            case EDITED -> "restore " + s.script() + " as it was applied and put the change in a new migration, or `flyway repair` to record its new checksum";
            case MISSING -> "restore " + s.script() + "; if it was deleted on purpose, `flyway repair` marks it deleted";
            case FAILED -> "undo what it did, then `flyway repair` removes the failed row";
            case OUT_OF_ORDER -> "`flyway migrate -outOfOrder=true` applies it, or give it a version above the highest applied";
            default -> s.fix();
        };
        return new MigrationStatus(s.version(), s.description(), s.kind(), s.script(), s.state(), s.detail(), fix, s.installedAt(), s.executionMs(),
                s.rank(), s.formerScript());
    }

    /**
     * flyway_schema_history as Ferry's rows, checksums as Flyway's ("flyway:<crc>"). A DELETE row
     * (written by {@code flyway repair} for a file deleted on purpose) hides the rows of its version
     * (or repeatable description) before it, as Flyway reads them; SCHEMA rows are no migration.
     */
    static List<HistoryRow> rows(Connection c, ToolTable table) throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet r = table.query(st, "installed_rank, version, description, type, script, checksum, installed_by, installed_on, execution_time, success",
                     "installed_rank")) {
            while (r.next()) {
                if ("DELETE".equals(r.getString(4))) {
                    String version = r.getString(2);
                    String description = r.getString(3);
                    rows.removeIf(row -> version != null ? row.version() != null && MigrationVersion.isVersion(row.version())
                            && MigrationVersion.parse(row.version()).equals(MigrationVersion.parse(version))
                            : row.version() == null && row.description().equals(description));
                    continue;
                }
                Optional<MigrationKind> kind = kind(r.getString(4), r.getString(2));
                if (kind.isEmpty()) {
                    continue;
                }
                Integer crc = r.getObject(6) == null ? null : r.getInt(6);
                Timestamp installed = r.getTimestamp(8);
                boolean success = r.getBoolean(10);
                rows.add(new HistoryRow(r.getInt(1), r.getString(2), r.getString(3), kind.get(), r.getString(5), crc == null ? null : PREFIX + crc,
                        Checksums.VERSION, r.getString(7), installed == null ? null : installed.toInstant(), r.getLong(9), success, true,
                        success ? null : "failed under Flyway"));
            }
        }
        return rows;
    }

    /** Whether {@code checksum} (as {@link #rows} gives it) is Flyway's checksum of {@code content}. */
    static boolean matches(String checksum, String content) {
        return checksum != null && checksum.equals(PREFIX + checksum(content));
    }

    private static Optional<MigrationKind> kind(String type, String version) {
        return switch (type) {
            case "SQL", "JDBC", "SPRING_JDBC", "SCRIPT" -> Optional.of(version == null ? MigrationKind.REPEATABLE : MigrationKind.VERSIONED);
            case "BASELINE", "SQL_BASELINE", "JDBC_BASELINE" -> Optional.of(MigrationKind.BASELINE);
            case "UNDO_SQL", "UNDO_JDBC", "UNDO_SCRIPT" -> Optional.of(MigrationKind.UNDO);
            default -> Optional.empty(); // SCHEMA: Flyway created the schema
        };
    }

    /** Flyway's checksum: CRC-32 over the UTF-8 bytes of each line without its line ending, BOM removed. */
    static int checksum(String content) {
        CRC32 crc = new CRC32();
        String s = content.startsWith("\uFEFF") ? content.substring(1) : content;
        s.lines().forEach(line -> crc.update(line.getBytes(StandardCharsets.UTF_8)));
        return (int) crc.getValue();
    }
}
