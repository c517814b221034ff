package dev.ferry.demo;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.Database;
import dev.ferry.spi.Dialects;
import dev.ferry.spi.SqlSplitter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The demo's embedded PostgreSQL and what the demo does to it by hand, before the plan runs: the two
 * databases made, the legacy one loaded, the drift made. One idle session is held for the whole demo,
 * so that every step's command finds the server running and reuses it instead of starting it again;
 * closing this stops the server.
 *
 * <pre>{@code
 * try (DemoDatabases databases = DemoDatabases.start(dialects, workspace)) {
 *     databases.loadLegacy();
 *     // ferry migrate --env new --target 2, then
 *     databases.dropColumnByHand();
 * }
 * }</pre>
 */
public final class DemoDatabases implements AutoCloseable {
    /** The column V2 made and someone dropped by hand on the new server: the drift the plan heals. */
    public static final String DRIFTED_TABLE = "reviews";
    public static final String DRIFTED_COLUMN = "hidden";

    private final Dialects dialects;
    private final DemoWorkspace workspace;
    private final Database server;
    private final Connection idle;

    private DemoDatabases(Dialects dialects, DemoWorkspace workspace, Database server, Connection idle) {
        this.dialects = dialects;
        this.workspace = workspace;
        this.server = server;
        this.idle = idle;
    }

    /** Starts the server in the workspace's data directory (initdb on the first run) and makes the two empty databases. */
    public static DemoDatabases start(Dialects dialects, DemoWorkspace workspace) {
        Database server = dialects.open(DatabaseUrl.parse(workspace.url("postgres")));
        try {
            Connection idle = server.connect();
            try (Statement s = idle.createStatement()) {
                s.execute("CREATE DATABASE " + DemoWorkspace.LEGACY_DATABASE);
                s.execute("CREATE DATABASE " + DemoWorkspace.NEW_DATABASE);
            }
            return new DemoDatabases(dialects, workspace, server, idle);
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw e instanceof RuntimeException r ? r : new FerryException(ErrorCode.SQL, "cannot make the demo's databases: " + e.getMessage(), null, e);
        }
    }

    /**
     * Stops the server an earlier demo left running in this workspace (one killed half-way), so that its
     * files can go. Refused while other sessions hold it (a psql, a ferry serve): they would lose it.
     */
    public static void stopEarlier(Dialects dialects, DemoWorkspace workspace) {
        Optional<Long> pid = postmaster(workspace.dataDirectory());
        if (pid.isEmpty()) {
            return;
        }
        dialects.open(DatabaseUrl.parse(workspace.url("postgres"))).close(); // stops it, unless another session holds it
        if (postmaster(workspace.dataDirectory()).isPresent()) {
            throw new FerryException(ErrorCode.USAGE, "the earlier demo's PostgreSQL in " + workspace.dataDirectory() + " (pid " + pid.get()
                    + ") still has sessions of another program, and starting over would pull its files away",
                    "close them (psql, ferry serve), or name another directory: ferry demo --dir ferry-demo-2");
        }
    }

    /** The running postmaster of a data directory: line 1 of postmaster.pid, when that process is alive. */
    private static Optional<Long> postmaster(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** legacy.sql of the workspace (the example's) into the legacy database, in one transaction. */
    public void loadLegacy() {
        String sql = workspace.read("legacy.sql");
        on(DemoWorkspace.LEGACY_DATABASE, c -> {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (SqlSplitter.Statement statement : SqlSplitter.split(sql, false)) {
                    s.execute(statement.sql());
                }
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                // a legacy database in service has its statistics and visibility map from autovacuum; one
                // just loaded has neither until autovacuum comes round, which would make its first night slow
                s.execute("VACUUM ANALYZE");
            }
            return null;
        });
    }

    /** The drift: a column the new database's history says V2 made, dropped by hand ("nobody uses it"). */
    public void dropColumnByHand() {
        on(DemoWorkspace.NEW_DATABASE, c -> {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + DRIFTED_TABLE + " DROP COLUMN " + DRIFTED_COLUMN);
            }
            return null;
        });
    }

    /** What the new database holds after the run. */
    public DemoFindings findings() {
        return on(DemoWorkspace.NEW_DATABASE, DemoFindings::read);
    }

    private <T> T on(String database, Work<T> work) {
        try (Database db = dialects.open(DatabaseUrl.parse(workspace.url(database))); Connection c = db.connect()) {
            return work.on(c);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "the demo's " + database + " database: " + e.getMessage(), null, e);
        }
    }

    /** The idle session ends, and with it the server (no other session holds it). */
    @Override
    public void close() {
        try {
            idle.close();
        } catch (SQLException e) {
            // the session is gone either way; stopping the server below is what matters
        } finally {
            server.close();
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T on(Connection c) throws SQLException;
    }
}
