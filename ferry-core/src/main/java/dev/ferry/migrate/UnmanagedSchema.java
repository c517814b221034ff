package dev.ferry.migrate;

import dev.ferry.env.EnvironmentTable;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.Dialect;
import dev.ferry.spi.TableStats;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A database Ferry's history does not describe although it is not empty: another tool's history
 * table is there, or tables that no Ferry migration made. Migrating it as new would run every
 * migration again over what is there, so {@code migrate} refuses and {@code status}/{@code check}
 * report it. The one place that decides what "not empty" means: user tables in the target schema
 * other than Ferry's history and its record of environments ({@code ferry_environment}).
 *
 * @param message the fact, naming the table(s) found
 * @param hint    the command that adopts the database
 */
public record UnmanagedSchema(String message, String hint) {
    private static final int NAMED = 5;

    /** Other tools' history tables, the tool, and how Ferry takes over. */
    private record OtherHistory(String table, String tool, String adopt) {
    }

    private static final String BASELINE = "ferry baseline --version VERSION records the version the database is at (migrations up to it"
            + " count as applied, nothing is run); then ferry migrate";
    private static final List<OtherHistory> OTHER_HISTORIES = List.of(
            new OtherHistory("flyway_schema_history", "Flyway", "ferry adopt flyway copies Flyway's history into Ferry's (nothing is run);"
                    + " or keep Flyway: ferry status --history flyway reads its history in place"),
            new OtherHistory("_prisma_migrations", "Prisma", "ferry adopt prisma copies Prisma's history into Ferry's (nothing is run);"
                    + " or keep Prisma: ferry status --history prisma reads its history in place"),
            new OtherHistory("schema_migrations", "Rails or golang-migrate", "to keep Rails, ferry status --history rails reads its history in place (and"
                    + " repair --history rails fixes renamed files); to switch, " + BASELINE),
            new OtherHistory("databasechangelog", "Liquibase", BASELINE));

    /**
     * What the target schema holds while Ferry's history ({@code history}, as the command read it) is
     * empty; nothing when the history has rows or the schema has no table but the history.
     */
    static Optional<UnmanagedSchema> find(Dialect dialect, Connection c, List<HistoryRow> history, String historyTable, String url) throws SQLException {
        if (!history.isEmpty()) {
            return Optional.empty();
        }
        String schema = dialect.currentSchema(c);
        List<TableStats> tables = dialect.tables(c).stream()
                .filter(t -> t.schema() == null || schema == null || t.schema().equals(schema))
                .filter(t -> !t.name().equalsIgnoreCase(historyTable) && !t.name().equals(EnvironmentTable.NAME)).toList();
        for (OtherHistory other : OTHER_HISTORIES) {
            Optional<TableStats> found = tables.stream().filter(t -> t.name().equalsIgnoreCase(other.table())).findFirst();
            if (found.isPresent()) {
                long rows = dialect.countRows(c, found.get());
                return Optional.of(new UnmanagedSchema("Ferry's history of " + url + " is empty, but it holds " + other.tool() + "'s history "
                        + found.get().name() + " (" + rows + (rows == 1 ? " row" : " rows") + "): migrating it as a new database would run"
                        + " every migration again over what " + other.tool() + " applied", other.adopt()));
            }
        }
        if (tables.isEmpty()) {
            return Optional.empty();
        }
        String names = String.join(", ", tables.stream().limit(NAMED).map(TableStats::name).toList()) + (tables.size() > NAMED ? ", …" : "");
        return Optional.of(new UnmanagedSchema("Ferry's history of " + url + " is empty, but " + (schema == null ? "the database" : "schema " + schema)
                + " already holds " + tables.size() + (tables.size() == 1 ? " table" : " tables") + " (" + names + ") that no Ferry migration"
                + " recorded: migrating it as a new database would run every migration over them",
                BASELINE + "; or point --url at the database you meant"));
    }

    /** The refusal of a command that would change the database: exit 2, nothing done. */
    FerryException refusal(String command) {
        return new FerryException(ErrorCode.USAGE, command + " refused: " + message, hint);
    }
}
