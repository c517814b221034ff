package dev.ferry.backup;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.connect.UrlForm;
import dev.ferry.doctor.ToolProbe;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.Database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own pg_dump and pg_restore for backups in the {@code pg_dump} format: which installed
 * version can read a server (pg_dump refuses servers newer than itself), and running them with the
 * connection in libpq's environment variables, the password in PGPASSWORD, never on a command line.
 */
final class PgDumpTools {
    private static final Pattern DUMPED_FROM = Pattern.compile("Dumped from database version: ((\\d+)[^\\s]*)");

    private final ClientTools tools;

    PgDumpTools(ClientTools tools) {
        this.tools = tools;
    }

    /** The pg_dump to dump a server of {@code serverMajor} with; a clear error, before anything is written, when none here can. */
    ToolProbe.Found pgDumpFor(int serverMajor) {
        return pick("pg_dump", serverMajor, "dump");
    }

    /** {@code pg_dump -Fc} of {@code source} into {@code file}, by {@code pgDump}. */
    void dump(Database source, ToolProbe.Found pgDump, Path file) {
        Libpq libpq = Libpq.of(source);
        new ChildProcess(List.of(pgDump.path().toString(), "--format=custom", "--no-password"), libpq.environment(tools.environment()),
                libpq.secrets()).runInto(file, pgDump.path() + " " + pgDump.version() + " of " + source.url().redacted());
    }

    /**
     * {@code docker exec -i -e PGPASSWORD CONTAINER pg_dump -Fc -U USER DB} into {@code file}: the
     * container's own pg_dump reads its server; the password reaches it through docker's environment.
     */
    void dumpInContainer(Path docker, DatabaseUrl url, Path file) {
        String container = url.host().orElseThrow();
        List<String> command = new ArrayList<>(List.of(docker.toString(), "exec", "-i"));
        Map<String, String> env = new HashMap<>(tools.environment());
        // the URL's password, else the PGPASSWORD Ferry was given: docker passes the variable's value on from its own environment
        Optional<String> password = url.password().or(() -> Optional.ofNullable(env.get("PGPASSWORD")));
        password.ifPresent(p -> {
            command.addAll(List.of("-e", "PGPASSWORD"));
            env.put("PGPASSWORD", p);
        });
        command.addAll(List.of(container, "pg_dump", "--format=custom", "--no-password", "--username=" + url.user().orElse("postgres"),
                "--dbname=" + url.database().orElseThrow()));
        new ChildProcess(command, env, password.map(List::of).orElse(List.of()))
                .runInto(file, "pg_dump inside container " + container + " (docker exec)");
    }

    /** The Docker CLI on PATH; a clear error, before anything is written, when there is none. */
    Path docker() {
        return tools.locate("docker").orElseThrow(() -> new FerryException(ErrorCode.UNSUPPORTED,
                "docker is not on PATH: a docker:// URL runs pg_dump inside the container with docker exec",
                "install the Docker CLI, or back up through a postgres:// URL to the container's published port"));
    }

    /** The version of the server a dump was taken of, as pg_restore reads it from the archive's header, e.g. "15.20". */
    String dumpedFrom(Path file) {
        ToolProbe.Found pgRestore = newest("pg_restore");
        String list = new ChildProcess(List.of(pgRestore.path().toString(), "--list", file.toString()), tools.environment(), List.of())
                .output(pgRestore.path() + " --list " + file.getFileName());
        Matcher m = DUMPED_FROM.matcher(list);
        if (!m.find()) {
            throw new FerryException(ErrorCode.STEP_FAILED, file + " does not say which server it was dumped from: it is not a pg_dump archive", null);
        }
        return m.group(1);
    }

    /**
     * pg_restore of {@code file} into the empty {@code target}, {@code jobs} at a time, stopping at
     * the first error; owners are not restored (the target's roles need not exist), nor, into a
     * scratch database, privileges.
     */
    void restore(Path file, Database target, int serverMajor, int jobs, boolean scratch) {
        ToolProbe.Found pgRestore = pick("pg_restore", serverMajor, "restore into");
        Libpq libpq = Libpq.of(target);
        List<String> command = new ArrayList<>(List.of(pgRestore.path().toString(), "--no-password", "--exit-on-error", "--no-owner",
                "--jobs=" + Math.max(1, jobs), "--dbname=" + libpq.database()));
        if (scratch) {
            command.add("--no-privileges");
        }
        command.add(file.toString());
        new ChildProcess(command, libpq.environment(tools.environment()), libpq.secrets())
                .runInto(Path.of("/dev/null"), pgRestore.path() + " " + pgRestore.version() + " into " + target.url().redacted());
    }

    /** The installed {@code command} of the lowest major that can still read a server of {@code serverMajor}. */
    private ToolProbe.Found pick(String command, int serverMajor, String purpose) {
        List<ToolProbe.Found> found = tools.versions(command);
        Optional<ToolProbe.Found> fit = found.stream().filter(f -> f.major() >= serverMajor).min(Comparator.comparingInt(ToolProbe.Found::major));
        return fit.orElseThrow(() -> new FerryException(ErrorCode.UNSUPPORTED, "no " + command + " here can " + purpose + " a PostgreSQL "
                + serverMajor + " server (" + command + " refuses servers newer than itself); " + (found.isEmpty()
                ? "none was found on PATH or in /usr/lib/postgresql/*/bin"
                : "found " + String.join(", ", found.stream().map(f -> command + " " + f.version() + " (" + f.path() + ")").toList())),
                "take a native backup (ferry backup without --format), which reads any server version, or install postgresql-client-"
                        + serverMajor + " and put its bin directory first on PATH"));
    }

    private ToolProbe.Found newest(String command) {
        return tools.versions(command).stream().max(Comparator.comparingInt(ToolProbe.Found::major)).orElseThrow(() -> new FerryException(
                ErrorCode.UNSUPPORTED, command + " is not installed (looked on PATH and in /usr/lib/postgresql/*/bin)",
                "install the PostgreSQL client tools (Debian: postgresql-client)"));
    }

    /**
     * Where libpq finds a database: the URL's host and port where it has them, else (an embedded
     * server) the address and port its own session reports; the password only ever in PGPASSWORD.
     */
    record Libpq(String host, int port, String database, String user, String password, String sslMode) {

        static Libpq of(Database db) {
            DatabaseUrl url = db.url();
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("select host(inet_server_addr()), inet_server_port(), current_database(), current_user")) {
                r.next();
                boolean network = url.form() == UrlForm.NETWORK && url.host().isPresent();
                String host = network ? url.host().get() : Optional.ofNullable(r.getString(1)).orElse("localhost");
                int port = network && url.port().isPresent() ? url.port().getAsInt() : r.getInt(2) == 0 ? 5432 : r.getInt(2);
                return new Libpq(host, port, r.getString(3), r.getString(4), url.password().orElse(null), url.params().get("sslmode"));
            } catch (SQLException e) {
                throw new FerryException(ErrorCode.SQL, "reading where " + url.redacted() + " listens failed: " + e.getMessage(), null, e);
            }
        }

        /** {@code base} with this connection in libpq's variables. */
        Map<String, String> environment(Map<String, String> base) {
            Map<String, String> env = new HashMap<>(base);
            // each of these would send libpq to another server or database than the one named here
            List.of("PGSERVICE", "PGSERVICEFILE", "PGHOSTADDR", "PGTARGETSESSIONATTRS").forEach(env::remove);
            env.put("PGHOST", host);
            env.put("PGPORT", String.valueOf(port));
            env.put("PGDATABASE", database);
            env.put("PGUSER", user);
            env.put("PGAPPNAME", "ferry");
            env.put("PGCONNECT_TIMEOUT", "10");
            if (password != null) {
                env.put("PGPASSWORD", password);
            }
            if (sslMode != null) {
                env.put("PGSSLMODE", sslMode);
            }
            return env;
        }

        List<String> secrets() {
            return password == null ? List.of() : List.of(password);
        }

        @Override
        public String toString() {
            return user + "@" + host + ":" + port + "/" + database;
        }
    }
}
