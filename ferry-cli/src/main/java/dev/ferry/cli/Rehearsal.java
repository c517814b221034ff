package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.connect.DirectoryTrees;
import dev.ferry.connect.Target;
import dev.ferry.connect.UrlForm;
import dev.ferry.cutover.Plan;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.Database;
import dev.ferry.spi.Dialect;
import dev.ferry.spi.ShadowDatabases;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scratch copies a rehearsal runs a plan against: a fresh backup of the source and of the target,
 * each restored into a database of a throwaway embedded PostgreSQL of its server's major version (one
 * server per major). The real databases are only read. Closing it stops the servers and drops the copies.
 */
final class Rehearsal implements AutoCloseable {
    private final CliContext context;
    private final NestedFerry ferry;
    private final Path dir;
    private final Map<Integer, Database> servers = new HashMap<>();
    private final List<String> urls = new ArrayList<>();

    Rehearsal(CliContext context, GlobalOptions.Settings settings, Path dir) {
        this.context = context;
        this.ferry = new NestedFerry(context, settings);
        this.dir = dir;
    }

    /** The plan with its source and target replaced by scratch copies of them, restored from backups taken now. */
    Plan copies(Plan plan, Target source, Target target) {
        // the target first: its scratch server is set like the real target, whose writes make the downtime,
        // and the source's copy joins that server when it is of the same major version
        String targetUrl = copy("target", plan.target(), target);
        String sourceUrl = copy("source", plan.source(), source);
        return on(plan, sourceUrl, targetUrl);
    }

    /** The plan with its source and target replaced by the databases of these URLs. */
    static Plan on(Plan plan, String sourceUrl, String targetUrl) {
        return new Plan(plan.file(), new Plan.Endpoint(null, sourceUrl), new Plan.Endpoint(null, targetUrl), plan.steps(), plan.rollback(),
                plan.pointOfNoReturn(), plan.checksum());
    }

    private String copy(String which, Plan.Endpoint endpoint, Target database) {
        if (database.url().form() != UrlForm.DOCKER && !context.dialects().forUrl(database.url()).name().equals("PostgreSQL")) {
            throw new FerryException(ErrorCode.UNSUPPORTED, "a rehearsal copies the plan's databases into an embedded PostgreSQL, and the " + which
                    + " is " + context.dialects().forUrl(database.url()).name(), "rehearse a plan between PostgreSQL databases, or run it without --rehearse");
        }
        context.console().report("rehearsal: backing up the " + which + " (" + database.url().redacted() + ")…");
        List<String> args = new ArrayList<>(List.of("backup"));
        args.addAll(endpoint.environment() != null ? List.of("--env", endpoint.environment()) : List.of("--url", endpoint.url()));
        args.addAll(List.of("--out", dir.resolve("backups").toString()));
        JsonNode backup = command(args).path("backup");
        int major = backup.path("manifest").path("serverMajor").asInt();
        Database server = servers.computeIfAbsent(major, m -> server(m, which.equals("target") ? database : null));
        String name = "rehearsal_" + which;
        String url = create(server, name);
        context.console().report("rehearsal: restoring it into a scratch PostgreSQL " + major + "…");
        command(List.of("restore", backup.path("directory").asText(), "--url", url));
        urls.add(url);
        return url;
    }

    /** A scratch server of {@code major}, set like {@code like} where that shapes how long writing takes (null, or in a container: as it comes). */
    private Database server(int major, Target like) {
        Dialect postgres = context.dialects().all().stream().filter(d -> d.name().equals("PostgreSQL")).findFirst()
                .orElseThrow(() -> new FerryException(ErrorCode.UNSUPPORTED, "the PostgreSQL plug-in is not installed: there is nothing to rehearse on", null));
        ShadowDatabases shadows = postgres.require(ShadowDatabases.class, "start a scratch server for a rehearsal");
        if (like == null || like.url().form() == UrlForm.DOCKER) {
            context.console().report("rehearsal: starting a scratch PostgreSQL " + major + "…");
            return shadows.shadow(major);
        }
        try (Database real = context.dialects().open(like.url())) {
            ShadowDatabases.Shadow shadow = shadows.shadowLike(major, real);
            context.console().report("rehearsal: started a scratch PostgreSQL " + major + (shadow.settings().isEmpty() ? ""
                    : ", set like the target: " + String.join(", ", shadow.settings())));
            return shadow.database();
        }
    }

    /** A new database on the scratch server, as a plain postgres:// URL that the steps' commands open like any other. */
    private static String create(Database server, String name) {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
            try (ResultSet r = s.executeQuery("SELECT inet_server_port()")) {
                r.next();
                return "postgres://postgres@localhost:" + r.getInt(1) + "/" + name;
            }
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "cannot make the rehearsal's scratch database " + name + ": " + e.getMessage(), null, e);
        }
    }

    /** ferry ARGS in this process: its result, or why the rehearsal could not copy the databases. */
    private JsonNode command(List<String> args) {
        NestedFerry.Outcome outcome = ferry.run(args, line -> { });
        try {
            return outcome.require();
        } catch (FerryException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "the rehearsal could not copy the plan's databases: " + e.getMessage(),
                    "the real databases were only read; fix the cause, or run without --rehearse", e);
        }
    }

    @Override
    public void close() {
        for (Database server : servers.values()) {
            server.close();
        }
        try {
            DirectoryTrees.delete(dir.resolve("backups"));
        } catch (UncheckedIOException e) {
            context.console().report("rehearsal: could not remove its backups under " + dir.resolve("backups") + ": " + e.getMessage());
        }
    }
}
