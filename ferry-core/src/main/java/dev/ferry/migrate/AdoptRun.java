package dev.ferry.migrate;

import dev.ferry.connect.HistoryConfig;
import dev.ferry.connect.HistoryTool;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code ferry adopt flyway|prisma}: copies another tool's history into {@code ferry_history} so a
 * team switches without running anything again. A row whose local file no longer matches the
 * other tool's checksum keeps that checksum, so {@code ferry status} shows it as edited.
 */
final class AdoptRun {
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
            changes.add("copied " + Migrations.entries(rows.size()) + " from " + HistoryTool.named(t).table() + " into " + history.name()
                    + " (left in place; nothing run)");
            List<MigrationStatus> remaining = StatusCalculator.calculate(migrations.files(), history.read(c)).stream()
                    .filter(x -> x.state().isProblem()).toList();
            return new ChangeResult(migrations.database().url().redacted(), "adopt " + t, changes, remaining);
        } catch (SQLException e) {
            throw migrations.sqlFailure("adopting the " + tool + " history", e);
        }
    }

    private ToolTable table(MigrationSession s, HistoryTool tool) {
        ToolTable table = new ToolTable(s.dialect(), new HistoryConfig(null, null, tool), null);
        table.requireExists(s.connection(), migrations.database().url().redacted());
        return table;
    }

    /** Flyway's rows; a row whose local file still has Flyway's checksum gets the file's Ferry checksum. */
    private List<HistoryRow> flywayRows(MigrationSession s) throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        for (HistoryRow r : FlywayHistory.rows(s.connection(), table(s, HistoryTool.FLYWAY))) {
            String checksum = localFile(r.script()).filter(f -> FlywayHistory.matches(r.checksum(), f.sql())).map(MigrationFile::checksum).orElse(r.checksum());
            rows.add(new HistoryRow(0, r.version(), r.description(), r.kind(), r.script(), checksum, r.checksumVersion(), r.installedBy(),
                    r.installedAt() == null ? Instant.now() : r.installedAt(), r.executionMs(), r.success(), true, r.failedStatement()));
        }
        return rows;
    }

    /** Prisma's rows but the rolled-back ones; a row whose local folder still has Prisma's checksum gets the file's Ferry checksum. */
    private List<HistoryRow> prismaRows(MigrationSession s) throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        for (PrismaHistory.Row r : PrismaHistory.rows(s.connection(), table(s, HistoryTool.PRISMA))) {
            if (r.rolledBack()) {
                continue; // marked rolled back with `prisma migrate resolve`: not applied
            }
            String script = r.name() + "/migration.sql";
            String checksum = localFile(script).filter(f -> PrismaHistory.matches(r.checksum(), f.sql().getBytes(StandardCharsets.UTF_8)))
                    .map(MigrationFile::checksum).orElse("prisma:" + r.checksum());
            String version = PrismaHistory.version(r.name());
            rows.add(new HistoryRow(0, version != null ? version : r.name(), PrismaHistory.description(r.name()), MigrationKind.VERSIONED, script,
                    checksum, Checksums.VERSION, "prisma", r.startedAt() == null ? Instant.now() : r.startedAt(), r.executionMs(), r.finished(), true,
                    r.finished() ? null : "failed under Prisma (see _prisma_migrations.logs)"));
        }
        return rows;
    }

    private Optional<MigrationFile> localFile(String script) {
        return migrations.files().all().stream().filter(f -> f.script().equals(script) || f.script().endsWith("/" + script)).findFirst();
    }
}
