package dev.ferry.postgres;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL behind {@code embedded:postgres}: a real server (zonky's binaries from Maven
 * Central) whose data directory persists under {@code .ferry/pg}. A server already running on
 * that directory is reused; when the last Ferry process using it is done, it is stopped cleanly.
 */
final class EmbeddedPostgresServer implements AutoCloseable {
    static final Path DEFAULT_DIR = Path.of(".ferry", "pg");
    static final String SUPERUSER = "postgres";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    /**
     * The servers this process has open, by data directory, with how many handles use each: a second
     * open in the same process shares the first's server (and its lock on the directory), and only the
     * last close may stop it. Process-wide because the server and zonky's lock on its directory are.
     */
    private static final Map<Path, EmbeddedPostgresServer> OPEN_IN_THIS_PROCESS = new HashMap<>();

    private final Path dataDir;
    private final int port;
    private final EmbeddedPostgres started;
    private final long postmasterPid;
    private int handles = 1;

    private EmbeddedPostgresServer(Path dataDir, int port, EmbeddedPostgres started, long postmasterPid) {
        this.dataDir = dataDir;
        this.port = port;
        this.started = started;
        this.postmasterPid = postmasterPid;
    }

    /** Reuses the server running on {@code dataDir}, or starts one (running initdb the first time). */
    static EmbeddedPostgresServer startOrReuse(Path dataDir) {
        return startOrReuse(dataDir, null);
    }

    /** As {@link #startOrReuse(Path)}, with server binaries of another version than the bundled ones (null: bundled). */
    static EmbeddedPostgresServer startOrReuse(Path dataDir, PgBinaryResolver binaries) {
        return startOrReuse(dataDir, binaries, Map.of());
    }

    /** As {@link #startOrReuse(Path, PgBinaryResolver)}; a server started here takes {@code settings} (one running already keeps its own). */
    static EmbeddedPostgresServer startOrReuse(Path dataDir, PgBinaryResolver binaries, Map<String, String> settings) {
        Path dir = dataDir.toAbsolutePath().normalize();
        synchronized (OPEN_IN_THIS_PROCESS) {
            EmbeddedPostgresServer open = OPEN_IN_THIS_PROCESS.get(dir);
            if (open != null && ProcessHandle.of(open.postmasterPid).map(ProcessHandle::isAlive).orElse(false)) {
                open.handles++;
                return open;
            }
            EmbeddedPostgresServer server = startOrReuseOutside(dir, binaries, settings);
            OPEN_IN_THIS_PROCESS.put(dir, server);
            return server;
        }
    }

    private static EmbeddedPostgresServer startOrReuseOutside(Path dir, PgBinaryResolver binaries, Map<String, String> settings) {
        try {
            Files.createDirectories(dir.getParent());
            try (FileChannel lockFile = FileChannel.open(sibling(dir, ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                Optional<RunningServer> running = RunningServer.read(dir);
                if (running.isPresent()) {
                    LOG.debug("reusing embedded PostgreSQL pid {} on port {}", running.get().pid(), running.get().port());
                    return new EmbeddedPostgresServer(dir, running.get().port(), null, running.get().pid());
                }
                return start(dir, binaries, settings);
            }
        } catch (IOException e) {
            throw new FerryException(ErrorCode.CONNECT, "cannot start the embedded PostgreSQL in " + dir + ": " + e.getMessage(),
                    "check that the directory is writable; its server log is " + sibling(dir, ".log"), e);
        }
    }

    private static EmbeddedPostgresServer start(Path dir, PgBinaryResolver binaries, Map<String, String> settings) throws IOException {
        LOG.debug("starting embedded PostgreSQL in {}", dir);
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(sibling(dir, ".log").toFile());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (binaries != null) {
            builder.setPgBinaryResolver(binaries);
        }
        settings.forEach(builder::setServerConfig);
        EmbeddedPostgres pg = builder
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .start();
        long pid = RunningServer.read(dir).map(RunningServer::pid).orElse(-1L);
        return new EmbeddedPostgresServer(dir, pg.getPort(), pg, pid);
    }

    int port() {
        return port;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /**
     * Lets go of one handle; the last one in this process stops the server unless another Ferry process
     * still has sessions on it (it will stop it).
     */
    @Override
    public void close() {
        synchronized (OPEN_IN_THIS_PROCESS) {
            if (--handles > 0) {
                return;
            }
            OPEN_IN_THIS_PROCESS.remove(dataDir, this);
        }
        try (FileChannel lockFile = FileChannel.open(sibling(dataDir, ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            int others = otherClientSessions();
            if (others > 0) {
                LOG.debug("leaving embedded PostgreSQL running for {} other session(s)", others);
                return;
            }
            stop();
        } catch (IOException | SQLException e) {
            LOG.warn("could not stop the embedded PostgreSQL in {} cleanly: {}", dataDir, e.getMessage());
        }
    }

    private int otherClientSessions() throws SQLException {
        try (Connection c = PostgresDialect.DRIVER.connect(jdbcUrl("postgres"), PostgresDialect.properties(SUPERUSER, null));
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()")) {
            r.next();
            return r.getInt(1);
        }
    }

    private void stop() throws IOException {
        if (started != null) {
            started.close();
            return;
        }
        // Reused server: SIGTERM is PostgreSQL's "smart" shutdown, which lets any session finish.
        Optional<ProcessHandle> postmaster = ProcessHandle.of(postmasterPid);
        if (postmaster.isPresent()) {
            postmaster.get().destroy();
            try {
                postmaster.get().onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("the embedded PostgreSQL (pid {}) did not stop within 30 s", postmasterPid);
            }
        }
    }

    static Path sibling(Path dir, String suffix) {
        return dir.resolveSibling(dir.getFileName() + suffix);
    }

    /** A postmaster found through its postmaster.pid file (line 1: pid, line 4: port). */
    record RunningServer(long pid, int port) {
        static Optional<RunningServer> read(Path dir) throws IOException {
            Path pidFile = dir.resolve("postmaster.pid");
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            try {
                long pid = Long.parseLong(lines.get(0).strip());
                int port = Integer.parseInt(lines.get(3).strip());
                boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                return alive ? Optional.of(new RunningServer(pid, port)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
