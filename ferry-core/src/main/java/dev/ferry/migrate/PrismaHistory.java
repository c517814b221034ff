package dev.ferry.migrate;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    private record Folder(String name, String checksum) {
        String script() {
            return name + "/migration.sql";
        }
    }

    private record Row(String id, String checksum, String name, boolean finished, boolean rolledBack, Instant startedAt) {
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
            return applied.checksum().equalsIgnoreCase(f.checksum()) ? status(f, MigrationState.APPLIED, null, null, applied, null)
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

    /** Pairs each recorded name without a folder with the one unrecorded folder of the same checksum. */
    private Comparison pair(Map<String, List<Row>> orphans, Map<String, Folder> unrecorded, List<MigrationStatus> statuses) {
        List<RowChange> renames = new ArrayList<>();
        List<MigrationStatus> ambiguous = new ArrayList<>();
        Map<String, Folder> unclaimed = new LinkedHashMap<>(unrecorded);
        for (Map.Entry<String, List<Row>> orphan : orphans.entrySet()) {
            String name = orphan.getKey();
            Row applied = orphan.getValue().stream().filter(Row::applied).reduce((a, b) -> b).orElse(null);
            if (applied == null) {
                orphan.getValue().stream().filter(Row::failed).reduce((a, b) -> b).ifPresent(failed -> statuses.add(new MigrationStatus(version(name),
                        description(name), MigrationKind.VERSIONED, name + "/migration.sql", MigrationState.FAILED, "started, never finished; its folder is gone",
                        failFix(name), failed.startedAt(), -1, 0, null)));
                continue; // only rolled back: Prisma treats it as never applied
            }
            List<Folder> candidates = unclaimed.values().stream().filter(f -> f.checksum().equalsIgnoreCase(applied.checksum())).toList();
            if (candidates.size() == 1) {
                Folder now = candidates.get(0);
                unrecorded.remove(now.name());
                statuses.add(status(now, MigrationState.RENAMED, "was " + name, "run `ferry repair --history prisma` to record it as " + now.name()
                        + " (nothing is run again)", applied, name + "/migration.sql"));
                orphan.getValue().forEach(row -> renames.add(new RowChange(Map.of("id", row.id()), Map.of("migration_name", name),
                        Map.of("migration_name", now.name()))));
            } else {
                MigrationStatus line = new MigrationStatus(version(name), description(name), MigrationKind.VERSIONED, name + "/migration.sql",
                        candidates.isEmpty() ? MigrationState.MISSING : MigrationState.AMBIGUOUS,
                        candidates.isEmpty() ? "applied, but its folder is not in " + directory + " and no folder has its checksum"
                                : candidates.size() + " folders have its checksum: " + String.join(", ", candidates.stream().map(Folder::name).toList()),
                        candidates.isEmpty() ? "restore the folder " + name + " as it was applied"
                                : "keep one of them (or make their contents differ), then run `ferry repair --history prisma`",
                        applied.startedAt(), -1, 0, null);
                statuses.add(line);
                if (!candidates.isEmpty()) {
                    ambiguous.add(line);
                }
            }
        }
        unrecorded.values().forEach(f -> statuses.add(status(f, MigrationState.PENDING, null, null, null, null)));
        statuses.sort(java.util.Comparator.comparing(MigrationStatus::script));
        return new Comparison(statuses, renames, ambiguous);
    }

    private static String failFix(String name) {
        return "undo what it did, then `npx prisma migrate resolve --rolled-back " + name + "`; or finish it by hand and `--applied " + name + "`";
    }

    private List<Row> rows(Connection c, ToolTable table) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = table.query(s, "id, checksum, migration_name, finished_at, rolled_back_at, started_at", "started_at, id")) {
            while (r.next()) {
                rows.add(new Row(r.getString(1), r.getString(2), r.getString(3), r.getObject(4) != null, r.getObject(5) != null, instant(r)));
            }
        }
        return rows;
    }

    /** started_at; SQLite keeps what Prisma wrote as text or milliseconds, which not every reading of it parses. */
    private static Instant instant(ResultSet r) {
        try {
            Timestamp t = r.getTimestamp(6);
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
                folders.put(name, new Folder(name, sha256(Files.readAllBytes(folder.resolve("migration.sql")))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory, e);
        }
        return folders;
    }

    /** Prisma's checksum: SHA-256 of migration.sql's bytes, in lower-case hex. */
    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static MigrationStatus status(Folder f, MigrationState state, String detail, String fix, Row row, String formerScript) {
        return new MigrationStatus(version(f.name()), description(f.name()), MigrationKind.VERSIONED, f.script(), state, detail, fix,
                row == null ? null : row.startedAt(), -1, 0, formerScript);
    }

    /** The number a folder's name starts with ("20250823000001" of "20250823000001_create_slave_keys"), or the whole name. */
    private static String version(String name) {
        int underscore = name.indexOf('_');
        String number = underscore > 0 ? name.substring(0, underscore) : name;
        return MigrationVersion.isVersion(number) ? number : null;
    }

    private static String description(String name) {
        int underscore = name.indexOf('_');
        return (underscore > 0 ? name.substring(underscore + 1) : name).replace('_', ' ');
    }
}
