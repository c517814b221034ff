package dev.ferry.migrate;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * {@code ferry adopt flyway|prisma}: copies another tool's history into {@code ferry_history} so a
 * team switches without running anything again. A row whose local file no longer matches the
 * other tool's checksum keeps that checksum, so {@code ferry status} shows it as edited.
 */
final class AdoptRun {
    static final String FLYWAY_TABLE = "flyway_schema_history";
    static final String PRISMA_TABLE = "_prisma_migrations";

    private final Migrations migrations;

    AdoptRun(Migrations migrations) {
        this.migrations = migrations;
    }

    ChangeResult run(String tool, Duration lockTimeout) {
        String t = tool.toLowerCase(Locale.ROOT);
        if (!t.equals("flyway") && !t.equals("prisma")) {
            throw new FerryException(ErrorCode.USAGE, "Ferry adopts the history of flyway or prisma, not '" + tool + "'", "ferry adopt flyway, or ferry adopt prisma");
        }
        try (MigrationSession s = migrations.open(lockTimeout)) {
            HistoryTable history = migrations.history(s);
            Connection c = s.connection();
            if (!history.read(c).isEmpty()) {
                throw new FerryException(ErrorCode.USAGE, history.name() + " already has entries; adopt starts Ferry's history from " + tool + "'s",
                        "ferry status shows where the database stands");
            }
            List<HistoryRow> rows = t.equals("flyway") ? flywayRows(s) : prismaRows(s);
            history.create(c);
            c.setAutoCommit(false);
            try {
                for (HistoryRow row : rows) {
                    history.insert(c, row);
                }
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
            List<String> changes = new ArrayList<>();
            changes.add("copied " + Migrations.entries(rows.size()) + " from " + (t.equals("flyway") ? FLYWAY_TABLE : PRISMA_TABLE) + " into " + history.name()
                    + " (left in place; nothing run)");
            List<MigrationStatus> remaining = StatusCalculator.calculate(migrations.files(), history.read(c)).stream()
                    .filter(x -> x.state().isProblem()).toList();
            return new ChangeResult(migrations.database().url().redacted(), "adopt " + t, changes, remaining);
        } catch (SQLException e) {
            throw migrations.sqlFailure("adopting the " + tool + " history", e);
        }
    }

    private ResultSet query(Statement st, MigrationSession s, String table, String columns, String order) throws SQLException {
        try {
            return st.executeQuery("SELECT " + columns + " FROM " + s.dialect().quoteIdentifier(table) + " ORDER BY " + order);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.USAGE, "cannot read " + table + " in " + migrations.database().url().redacted() + ": " + e.getMessage(),
                    "adopt reads the history table the other tool left in this database", e);
        }
    }

    private List<HistoryRow> flywayRows(MigrationSession s) throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        try (Statement st = s.connection().createStatement();
             ResultSet r = query(st, s, FLYWAY_TABLE, "installed_rank, version, description, type, script, checksum, installed_by,"
                     + " installed_on, execution_time, success", "installed_rank")) {
            while (r.next()) {
                Optional<MigrationKind> kind = flywayKind(r.getString(4), r.getString(2));
                if (kind.isEmpty()) {
                    continue;
                }
                String script = r.getString(5);
                Integer crc = r.getObject(6) == null ? null : r.getInt(6);
                String checksum = localFile(script).filter(f -> crc != null && flywayChecksum(f.sql()) == crc).map(MigrationFile::checksum)
                        .orElse(crc == null ? null : "flyway:" + crc);
                boolean success = r.getBoolean(10);
                rows.add(new HistoryRow(0, r.getString(2), r.getString(3), kind.get(), script, checksum, Checksums.VERSION, r.getString(7),
                        instant(r.getTimestamp(8)), r.getLong(9), success, true, success ? null : "failed under Flyway"));
            }
        }
        return rows;
    }

    private static Optional<MigrationKind> flywayKind(String type, String version) {
        return switch (type) {
            case "SQL", "JDBC", "SPRING_JDBC", "SCRIPT" -> Optional.of(version == null ? MigrationKind.REPEATABLE : MigrationKind.VERSIONED);
            case "BASELINE", "SQL_BASELINE", "JDBC_BASELINE" -> Optional.of(MigrationKind.BASELINE);
            case "UNDO_SQL", "UNDO_JDBC", "UNDO_SCRIPT" -> Optional.of(MigrationKind.UNDO);
            default -> Optional.empty(); // SCHEMA (Flyway created the schema) and DELETE (hidden by flyway repair)
        };
    }

    private List<HistoryRow> prismaRows(MigrationSession s) throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        try (Statement st = s.connection().createStatement();
             ResultSet r = query(st, s, PRISMA_TABLE, "migration_name, checksum, started_at, finished_at, rolled_back_at", "started_at")) {
            while (r.next()) {
                if (r.getTimestamp(5) != null) {
                    continue; // marked rolled back with `prisma migrate resolve`: not applied
                }
                String name = r.getString(1);
                int underscore = name.indexOf('_');
                String version = underscore > 0 ? name.substring(0, underscore) : name;
                String script = name + "/migration.sql";
                String prismaChecksum = r.getString(2);
                String checksum = localFile(script).filter(f -> sha256(f.sql()).equalsIgnoreCase(prismaChecksum)).map(MigrationFile::checksum)
                        .orElse("prisma:" + prismaChecksum);
                Timestamp started = r.getTimestamp(3);
                Timestamp finished = r.getTimestamp(4);
                long ms = finished == null ? 0 : finished.getTime() - started.getTime();
                rows.add(new HistoryRow(0, version, underscore > 0 ? name.substring(underscore + 1).replace('_', ' ') : name, MigrationKind.VERSIONED,
                        script, checksum, Checksums.VERSION, "prisma", instant(started), ms, finished != null, true,
                        finished == null ? "failed under Prisma (see _prisma_migrations.logs)" : null));
            }
        }
        return rows;
    }

    private Optional<MigrationFile> localFile(String script) {
        return migrations.files().all().stream().filter(f -> f.script().equals(script) || f.script().endsWith("/" + script)).findFirst();
    }

    /** Flyway's checksum: CRC-32 over the UTF-8 bytes of each line without its line ending, BOM removed. */
    static int flywayChecksum(String content) {
        CRC32 crc = new CRC32();
        String s = content.startsWith("\uFEFF") ? content.substring(1) : content;
        s.lines().forEach(line -> crc.update(line.getBytes(StandardCharsets.UTF_8)));
        return (int) crc.getValue();
    }

    /** Prisma's checksum: SHA-256 of the file as it is. */
    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? Instant.now() : t.toInstant();
    }
}
