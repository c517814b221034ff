package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.demo.DemoDatabases;
import dev.ferry.demo.DemoFindings;
import dev.ferry.demo.DemoWorkspace;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.ExitCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code ferry demo}: the whole story on an embedded PostgreSQL, with no set-up and no network. Writes
 * a workspace (Learnwell's legacy database and its new schema, with their traps), then runs its
 * PLAN.yaml exactly as {@code ferry run PLAN.yaml} would in that directory, and tells what each step
 * found, read back from the new database.
 */
@Command(name = "demo", description = {"The whole story on an embedded PostgreSQL, no set-up, no network: writes a workspace into DIR (ferry.yaml,"
        + " PLAN.yaml, mapping.yaml, checks.yaml, migrations/, two env files), builds a legacy e-learning database with its traps (duplicate"
        + " e-mails, an orphaned payment) and the new schema (with a column dropped by hand), runs the plan (backups, secrets, heal the drift, copy through"
        + " the mapping, migrate, data migration, validate) and says what it found and where the report is.",
        "DIR must be new, empty, or an earlier demo (which is cleared and started over). Exit 0 when the plan completed, 4 when a step failed."})
final class DemoCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CliContext context;

    @Mixin
    private GlobalOptions globals;

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "ferry-demo", description = "where the workspace goes (default: ${DEFAULT-VALUE})")
    private Path dir;

    DemoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        long started = System.nanoTime();
        GlobalOptions.Settings settings = ((FerryCommand) spec.root().userObject()).settings();
        DemoWorkspace workspace = written(settings);
        Nested run;
        DemoFindings findings;
        JsonNode rehearsedDowntime;
        try (DemoDatabases databases = DemoDatabases.start(context.dialects(), workspace)) {
            setUp(databases, workspace, settings);
            say(settings, "rehearsing PLAN.yaml on scratch copies of both databases first: $ ferry run PLAN.yaml --rehearse");
            Nested rehearsal = ferryProcess(workspace, settings, null, "run", "PLAN.yaml", "--rehearse");
            rehearsal.requireSuccess();
            rehearsedDowntime = report(workspace, "rehearsal-").path("downtimeMs");
            say(settings, "running PLAN.yaml in " + workspace.dir() + ": $ ferry run PLAN.yaml");
            run = ferryProcess(workspace, settings, context.console().json() ? null : context.console().out(), "run", "PLAN.yaml");
            findings = run.exit() == ExitCode.OK.code() ? databases.findings() : null;
        }
        tell(workspace, findings, rehearsedDowntime.isNumber() ? rehearsedDowntime.asLong() : null, (System.nanoTime() - started) / 1_000_000);
        return run.exit();
    }

    /** The workspace, written into a new or empty directory, or over an earlier demo (whose server is stopped first). */
    private DemoWorkspace written(GlobalOptions.Settings settings) {
        DemoWorkspace workspace = DemoWorkspace.at(context.workDir().resolve(dir));
        workspace.requireUsable();
        if (workspace.holdsEarlierDemo()) {
            DemoDatabases.stopEarlier(context.dialects(), workspace);
            workspace.clear();
            say(settings, "ferry demo: " + workspace.dir() + " held an earlier demo: cleared, starting over");
        }
        workspace.write(new SecureRandom());
        say(settings, "ferry demo: Learnwell's legacy database and its new schema, on an embedded PostgreSQL in " + workspace.dataDirectory());
        return workspace;
    }

    /** The night before the move: the legacy database loaded, the new one at V2, then a column of it dropped by hand. */
    private void setUp(DemoDatabases databases, DemoWorkspace workspace, GlobalOptions.Settings settings) {
        databases.loadLegacy();
        say(settings, "  legacy: legacy.sql loaded into " + DemoWorkspace.LEGACY_DATABASE + " (environment legacy)");
        ferry(workspace, settings, null, "migrate", "--env", "new", "--target", "2").requireSuccess();
        databases.dropColumnByHand();
        say(settings, "  new: migrations V1 and V2 applied to " + DemoWorkspace.NEW_DATABASE + " (environment new), then "
                + DemoDatabases.DRIFTED_TABLE + "." + DemoDatabases.DRIFTED_COLUMN + " dropped by hand: schema drift");
        say(settings, "  old/.env and .env: NEXTAUTH_SECRET and JWT_SECRET differ between the two servers");
    }

    /** The story (or, with --json, one document): read from the run's report and the findings. */
    private void tell(DemoWorkspace workspace, DemoFindings findings, Long rehearsedDowntimeMs, long elapsedMs) {
        Console console = context.console();
        JsonNode result = report(workspace, "run-");
        Path html = workspace.dir().resolve("reports").resolve("run-" + result.path("id").asText() + ".html");
        if (console.json()) {
            Map<String, Object> json = json(workspace, result, html, findings, elapsedMs);
            json.put("rehearsedDowntimeMs", rehearsedDowntimeMs);
            console.result(Json.write(json) + "\n");
        } else {
            console.result(findings == null ? DemoStory.failed(result, html, console.ansi())
                    : DemoStory.told(result, rehearsedDowntimeMs, findings, workspace.dir(), context.workDir(), html, elapsedMs, console.ansi()));
        }
    }

    /** What the demo set up, on stderr as the plan's own progress is (not with --quiet). */
    private void say(GlobalOptions.Settings settings, String line) {
        if (!settings.quiet) {
            context.console().report(line);
        }
    }

    /**
     * {@code ferry ARGS} in this process, in the workspace as its working directory (where PLAN.yaml's
     * files and ferry.yaml are found): the same commands a user would type there. Its messages go to
     * this run's stderr as they come; its result to {@code out}, or kept when null.
     */
    private Nested ferry(DemoWorkspace workspace, GlobalOptions.Settings settings, OutputStream out, String... args) {
        List<String> all = new ArrayList<>(ChildFerry.displayFlags(settings));
        all.addAll(List.of(args));
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OutputStream errors = new ChildFerry.Tee(context.console().err(), err);
        int exit = new FerryCli(context.environment(), workspace.dir(), out == null ? kept : out, errors, context.console().interactive()).run(all.toArray(String[]::new));
        return new Nested("ferry " + String.join(" ", args), exit, err.toString(StandardCharsets.UTF_8));
    }

    /**
     * {@code ferry ARGS} as a process of its own in the workspace, as an operator runs the rehearsal and
     * then the run (the server the demo started goes on serving both: it holds a session on it).
     */
    private Nested ferryProcess(DemoWorkspace workspace, GlobalOptions.Settings settings, OutputStream out, String... args) {
        List<String> all = new ArrayList<>(ChildFerry.displayFlags(settings));
        all.addAll(List.of(args));
        ChildFerry.Outcome outcome = new ChildFerry(context).run(workspace.dir(), all, out);
        return new Nested("ferry " + String.join(" ", args), outcome.exit(), outcome.errors());
    }

    /** reports/PREFIXID.json of the demo's one run or rehearsal (the workspace was empty before it). */
    private static JsonNode report(DemoWorkspace workspace, String prefix) {
        Path reports = workspace.dir().resolve("reports");
        if (!Files.isDirectory(reports)) {
            throw new FerryException(ErrorCode.STEP_FAILED, "the demo's plan did not run (no report in " + reports + ")", "the lines above say why");
        }
        try (Stream<Path> files = Files.list(reports)) {
            Path json = files.filter(p -> p.getFileName().toString().matches(prefix + ".*\\.json")).sorted().reduce((a, b) -> b)
                    .orElseThrow(() -> new FerryException(ErrorCode.STEP_FAILED, "the plan's run wrote no report into " + reports, null));
            return JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> json(DemoWorkspace workspace, JsonNode run, Path html, DemoFindings findings, long elapsedMs) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("workspace", workspace.dir().toString());
        json.put("state", run.path("state").asText());
        json.put("report", html.toString());
        json.put("downtimeMs", run.path("downtimeMs").isNumber() ? run.path("downtimeMs").asLong() : null);
        json.put("run", run);
        json.put("findings", findings);
        json.put("elapsedMs", elapsedMs);
        return json;
    }

    /** What one in-process command gave. */
    private record Nested(String command, int exit, String errors) {
        void requireSuccess() {
            if (exit != 0) {
                String first = errors.lines().filter(l -> l.startsWith("error: ")).findFirst().map(l -> l.substring(7)).orElse("exit " + exit);
                throw new FerryException(ErrorCode.STEP_FAILED, "setting up the demo: " + command + " failed: " + first, "the lines above say why");
            }
        }
    }
}
