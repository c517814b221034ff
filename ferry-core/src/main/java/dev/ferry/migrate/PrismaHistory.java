package dev.ferry.migrate;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Prisma: {@code prisma/migrations/<name>/migration.sql} against {@code _prisma_migrations}, whose
 * checksum is the SHA-256 of migration.sql. A folder is applied when a row of its name finished and
 * was not rolled back; a row that started and never finished is a failed migration that blocks
 * {@code prisma migrate deploy}; rolled-back rows count as not applied. A renamed folder is found by
 * its checksum.
 */
final class PrismaHistory implements ToolHistory {
    private final Path directory;

    PrismaHistory(Path directory) {
        this.directory = directory;
    }

    private record Folder(String name, byte[] content) {
        String script() {
            return name + "/migration.sql";
        }

        boolean matches(String checksum) {
            return PrismaHistory.matches(checksum, content);
        }
    }

    /**
     * One row of _prisma_migrations.
     *
     * @param executionMs finished_at less started_at; 0 when either is missing or unreadable
     */
    record Row(String id, String checksum, String name, boolean finished, boolean rolledBack, Instant startedAt, long executionMs) {
        boolean applied() {
            return finished && !rolledBack;
        }

        boolean failed() {
            return !finished && !rolledBack;
        }
    }

    @Override
    public Comparison compare(Connection c, ToolTable table) throws SQLException {
        Map<String, Folder> folders = folders();
        Map<String, List<Row>> rowsByName = new LinkedHashMap<>();
        for (Row row : rows(c, table)) {
            rowsByName.computeIfAbsent(row.name(), n -> new ArrayList<>()).add(row);
        }
        List<MigrationStatus> statuses = new ArrayList<>();
        Map<String, Folder> unrecorded = new LinkedHashMap<>();
        for (Folder f : folders.values()) {
            List<Row> rows = rowsByName.remove(f.name());
            if (rows == null) {
                unrecorded.put(f.name(), f);
            } else {
                statuses.add(recorded(f, rows));
            }
        }
        return pair(rowsByName, unrecorded, statuses);
    }

    private static MigrationStatus recorded(Folder f, List<Row> rows) {
        Row applied = rows.stream().filter(Row::applied).reduce((a, b) -> b).orElse(null);
        if (applied != null) {
            return f.matches(applied.checksum()) ? status(f, MigrationState.APPLIED, null, null, applied, null)
                    : status(f, MigrationState.EDITED, f.script() + " was modified after it was applied (its SHA-256 is not the one recorded)",
                    "restore " + f.script() + " as it was applied and put the change in a new migration", applied, null);
        }
        Row failed = rows.stream().filter(Row::failed).reduce((a, b) -> b).orElse(null);
        if (failed != null) {
            return status(f, MigrationState.FAILED, "started, never finished", failFix(f.name()), failed, null);
        }
        Row rolledBack = rows.get(rows.size() - 1);
        return status(f, MigrationState.PENDING, "rolled back (prisma migrate resolve --rolled-back); prisma migrate deploy applies it again",
                null, rolledBack, null);
    }

    /**
     * Pairs each recorded name without a folder with the one unrecorded folder of its checksum; two
     * folders for one name, or two recorded names for one folder, are ambiguous.
     */
    private Comparison pair(Map<String, List<Row>> orphans, Map<String, Folder> unrecorded, List<MigrationStatus> statuses) {
        List<RowChange> renames = new ArrayList<>();
        List<MigrationStatus> ambiguous = new ArrayList<>();
        Map<String, Row> appliedOrphans = new LinkedHashMap<>();
        orphans.forEach((name, rows) -> rows.stream().filter(Row::applied).reduce((a, b) -> b).ifPresent(row -> appliedOrphans.put(name, row)));
        Map<String, Folder> unclaimed = Map.copyOf(unrecorded);
        for (Map.Entry<String, List<Row>> orphan : orphans.entrySet()) {
            String name = orphan.getKey();
            Row applied = appliedOrphans.get(name);
            if (applied == null) {
                orphan.getValue().stream().filter(Row::failed).reduce((a, b) -> b).ifPresent(failed -> statuses.add(new MigrationStatus(version(name),
                        description(name), MigrationKind.VERSIONED, name + "/migration.sql", MigrationState.FAILED, "started, never finished; its folder is gone",
                        failFix(name), failed.startedAt(), -1, 0, null)));
                continue; // only rolled back: Prisma treats it as never applied
            }
            List<Folder> candidates = unclaimed.values().stream().filter(f -> f.matches(applied.checksum())).toList();
            long rivals = candidates.size() == 1 ? appliedOrphans.values().stream().filter(r -> candidates.get(0).matches(r.checksum())).count() : 0;
            if (candidates.size() == 1 && rivals == 1) {
                Folder now = candidates.get(0);
                unrecorded.remove(now.name());
                statuses.add(status(now, MigrationState.RENAMED, "was " + name, "run `ferry repair --history prisma` to record it as " + now.name()
                        + " (nothing is run again)", applied, name + "/migration.sql"));
                orphan.getValue().forEach(row -> renames.add(new RowChange(Map.of("id", row.id()), Map.of("migration_name", name),
                        Map.of("migration_name", now.name()))));
            } else {
                MigrationStatus line = orphanLine(name, applied, candidates, rivals);
                statuses.add(line);
                if (!candidates.isEmpty()) {
                    ambiguous.add(line);
                }
            }
        }
        unrecorded.values().forEach(f -> statuses.add(status(f, MigrationState.PENDING, null, null, null, null)));
        statuses.sort(Comparator.comparing(MigrationStatus::script));
        return new Comparison(statuses, renames, ambiguous);
    }

    /** A recorded name no folder can be paired with: missing, or ambiguous between several. */
    private MigrationStatus orphanLine(String name, Row applied, List<Folder> candidates, long rivals) {
        String detail = candidates.isEmpty() ? "applied, but its folder is not in " + directory + " and no folder has its checksum"
                : candidates.size() > 1 ? candidates.size() + " folders have its checksum: " + String.join(", ", candidates.stream().map(Folder::name).toList())
                : rivals + " recorded migrations have the checksum of the one folder " + candidates.get(0).name();
        return new MigrationStatus(version(name), description(name), MigrationKind.VERSIONED, name + "/migration.sql",
                candidates.isEmpty() ? MigrationState.MISSING : MigrationState.AMBIGUOUS, detail,
                candidates.isEmpty() ? "restore the folder " + name + " as it was applied"
                        : "keep one folder per recorded migration (or make their contents differ), then run `ferry repair --history prisma`",
                applied.startedAt(), -1, 0, null);
    }

    private static String failFix(String name) {
        return "undo what it did, then `npx prisma migrate resolve --rolled-back " + name + "`; or finish it by hand and `--applied " + name + "`";
    }

    static List<Row> rows(Connection c, ToolTable table) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = table.query(s, "id, checksum, migration_name, finished_at, rolled_back_at, started_at", "started_at, id")) {
            while (r.next()) {
                Instant started = instant(r, 6);
                Instant finished = instant(r, 4);
                long executionMs = started == null || finished == null ? 0 : Math.max(0, java.time.Duration.between(started, finished).toMillis());
                rows.add(new Row(r.getString(1), r.getString(2), r.getString(3), r.getObject(4) != null, r.getObject(5) != null, started, executionMs));
            }
        }
        return rows;
    }

    /** A timestamp column; SQLite keeps what Prisma wrote as text or milliseconds, which not every reading of it parses. */
    private static Instant instant(ResultSet r, int column) {
        try {
            Timestamp t = r.getTimestamp(column);
            return t == null ? null : t.toInstant();
        } catch (SQLException e) {
            return null;
        }
    }

    private Map<String, Folder> folders() {
        if (!Files.isDirectory(directory)) {
            throw new FerryException(ErrorCode.FILE_NOT_FOUND, "the Prisma migrations directory " + directory + " does not exist",
                    "run ferry from the directory that holds prisma/, or pass --dir");
        }
        Map<String, Folder> folders = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(directory)) {
            for (Path folder : list.filter(p -> Files.isRegularFile(p.resolve("migration.sql"))).sorted().toList()) {
                String name = folder.getFileName().toString();
                folders.put(name, new Folder(name, Files.readAllBytes(folder.resolve("migration.sql"))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory, e);
        }
        return folders;
    }

    /**
     * Whether {@code checksum} is Prisma's for {@code content}, as Prisma decides it
     * (script_matches_checksum): the SHA-256 of the file, or of it with CRLF turned to LF, or LF to
     * CRLF (a checkout's line endings are not an edit), in lower-case hex, also as older Prisma
     * versions wrote it without leading zeros per byte.
     */
    static boolean matches(String checksum, byte[] content) {
        if (checksum == null) {
            return false;
        }
        String text = new String(content, StandardCharsets.UTF_8);
        for (String variant : new String[] {text, text.replace("\r\n", "\n"), text.replace("\n", "\r\n")}) {
            byte[] digest = sha256(variant.equals(text) ? content : variant.getBytes(StandardCharsets.UTF_8));
            if (checksum.equals(HexFormat.of().formatHex(digest)) || checksum.equals(unpadded(digest))) {
                return true;
            }
        }
        return false;
    }

    private static String unpadded(byte[] digest) {
        StringBuilder sb = new StringBuilder();
        for (byte b : digest) {
            sb.append(Integer.toHexString(b & 0xff));
        }
        return sb.toString();
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static MigrationStatus status(Folder f, MigrationState state, String detail, String fix, Row row, String formerScript) {
        return new MigrationStatus(version(f.name()), description(f.name()), MigrationKind.VERSIONED, f.script(), state, detail, fix,
                row == null ? null : row.startedAt(), -1, 0, formerScript);
    }

    /** The number a folder's name starts with ("20250823000001" of "20250823000001_create_slave_keys"), or the whole name. */
    static String version(String name) {
        int underscore = name.indexOf('_');
        String number = underscore > 0 ? name.substring(0, underscore) : name;
        return MigrationVersion.isVersion(number) ? number : null;
    }

    static String description(String name) {
        int underscore = name.indexOf('_');
        return (underscore > 0 ? name.substring(underscore + 1) : name).replace('_', ' ');
    }
}
