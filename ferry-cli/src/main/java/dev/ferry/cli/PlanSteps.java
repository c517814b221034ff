package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.connect.Target;
import dev.ferry.connect.Workspace;
import dev.ferry.cutover.BasicSteps;
import dev.ferry.cutover.Plan;
import dev.ferry.cutover.Step;
import dev.ferry.cutover.StepActions;
import dev.ferry.cutover.StepKind;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.secrets.Secrets;
import dev.ferry.secrets.SecretsComparison;
import dev.ferry.secrets.SecretsCopy;
import dev.ferry.spi.Database;
import dev.ferry.spi.SessionControl;
import dev.ferry.spi.SessionInfo;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What each step of a plan does, through the CLI's own commands: a backup step is {@code ferry backup},
 * run in this process with its own console, its --json result read for the step's outputs. One
 * implementation of each capability, whichever door it is reached by. Shell, http and the downtime
 * markers are {@link BasicSteps}; approve asks the operator.
 */
final class PlanSteps implements StepActions {
    private final CliContext context;
    private final GlobalOptions.Settings settings;
    private final Plan plan;
    private final BasicSteps basic;
    private final NestedFerry ferry;
    private final Set<String> approved;
    private final Workspace workspace;
    private final Target source;
    private final Target target;
    private final HealDriftStep healDrift;

    /** Where a rehearsal's backup steps write instead of their out:, or null in a real run. */
    private final Path rehearsalBackups;

    PlanSteps(CliContext context, GlobalOptions.Settings settings, Plan plan, Set<String> approved, Workspace workspace, Target source, Target target) {
        this(context, settings, plan, approved, workspace, source, target, null);
    }

    /**
     * With {@code rehearsalBackups}, the steps of a rehearsal on scratch copies: shell and http steps are
     * shown and not run, approvals not asked, secrets compared and not copied, backups written there.
     */
    PlanSteps(CliContext context, GlobalOptions.Settings settings, Plan plan, Set<String> approved, Workspace workspace, Target source, Target target,
              Path rehearsalBackups) {
        this.rehearsalBackups = rehearsalBackups;
        this.context = context;
        this.settings = settings;
        this.plan = plan;
        this.basic = new BasicSteps(context.workDir());
        this.ferry = new NestedFerry(context, settings);
        this.approved = approved;
        this.workspace = workspace;
        this.source = source;
        this.target = target;
        this.healDrift = new HealDriftStep(context, workspace);
    }

    /** Heal-drift steps build what the migrations make before the run, outside the downtime. */
    @Override
    public void prepare(List<Step> steps, Consumer<String> say) {
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step.kind() == StepKind.HEAL_DRIFT) {
                String on = step.text("on", "target");
                boolean migratedFirst = steps.subList(0, i).stream().anyMatch(s -> s.kind() == StepKind.MIGRATE && s.text("on", "target").equals(on)
                        && s.option("dir").isEmpty());
                healDrift.prepare(step.id(), target(on), migratedFirst, say);
            }
        }
    }

    @Override
    public StepResult run(Step step, Map<String, Object> given, StepContext ctx) {
        Map<String, Object> options = step.kind() == StepKind.SHELL ? given : expanded(step, given);
        if (rehearsalBackups != null) {
            switch (step.kind()) {
                case SHELL -> {
                    return new StepResult(Map.of("exitCode", options.getOrDefault("expect", 0)), "shown, not run in a rehearsal: `" + options.get("command") + "`");
                }
                case HTTP -> {
                    return new StepResult(Map.of("status", options.getOrDefault("expect", 200)), "shown, not run in a rehearsal: GET " + options.get("url"));
                }
                case APPROVE -> {
                    return StepResult.of("not asked in a rehearsal: " + options.get("message"));
                }
                default -> { }
            }
        }
        return switch (step.kind()) {
            case SHELL, HTTP, DOWNTIME -> basic.run(step, options, ctx);
            case APPROVE -> approve(step, options);
            case BACKUP -> backup(options, ctx);
            case RESTORE -> restore(options, ctx);
            case MIGRATE -> migrate(options, ctx);
            case DATA -> data(options, ctx);
            case VALIDATE -> validate(options, ctx);
            case COPY -> copy(options, ctx);
            case TERMINATE_SESSIONS -> terminateSessions(options, ctx);
            case SECRETS -> secrets(options, ctx);
            case HEAL_DRIFT -> healDrift.run(options, target((String) options.get("on")), ctx);
        };
    }

    private StepResult approve(Step step, Map<String, Object> options) {
        String message = (String) options.get("message");
        if (approved.contains(step.id())) {
            return StepResult.of("approved beforehand (--approve " + step.id() + "): " + message);
        }
        Console console = context.console();
        if (!console.interactive()) {
            throw new FerryException(ErrorCode.USAGE, "step " + step.id() + " waits for the operator (" + message + "), and this run is not on a terminal",
                    "run it on a terminal, or approve it beforehand: ferry run " + plan.file() + " --approve " + step.id());
        }
        String answer = console.ask(message + " Type yes to go on: ").orElse("").strip();
        if (!answer.equals("yes")) {
            throw new FerryException(ErrorCode.STEP_FAILED, "step " + step.id() + " was not approved (answered '" + answer + "')",
                    "ferry run " + plan.file() + " --resume asks again");
        }
        return StepResult.of("approved by the operator: " + message);
    }

    private StepResult backup(Map<String, Object> options, StepContext ctx) {
        List<String> args = new ArrayList<>(List.of("backup"));
        args.addAll(database((String) options.get("of")));
        args.addAll(List.of("--out", rehearsalBackups != null ? rehearsalBackups.toString() : (String) options.getOrDefault("out", "backups")));
        if (Boolean.TRUE.equals(options.get("verify"))) {
            args.add("--verify");
        }
        JsonNode r = command(args, ctx);
        JsonNode backup = r.path("backup");
        long rows = 0;
        for (JsonNode table : backup.path("manifest").path("tables")) {
            rows += table.path("rows").asLong();
        }
        String dir = backup.path("directory").asText();
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("dir", dir);
        outputs.put("rows", rows);
        return new StepResult(outputs, "backed up " + options.get("of") + " into " + dir + " (" + rows + " rows" + (r.path("verify").isObject() ? ", verified" : "") + ")");
    }

    private StepResult restore(Map<String, Object> options, StepContext ctx) {
        List<String> args = new ArrayList<>(List.of("restore", (String) options.get("from")));
        args.addAll(database((String) options.get("to")));
        if (Boolean.TRUE.equals(options.get("clean"))) {
            args.add("--clean");
            if (rehearsalBackups != null) {
                args.add("--no-safety-backup"); // a scratch copy, dropped after the rehearsal
            }
        }
        JsonNode r = command(args, ctx);
        long rows = r.path("rows").asLong();
        return new StepResult(Map.of("rows", rows), "restored " + options.get("from") + " into " + options.get("to") + " (" + rows + " rows)");
    }

    private StepResult migrate(Map<String, Object> options, StepContext ctx) {
        List<String> args = new ArrayList<>(List.of("migrate"));
        args.addAll(database((String) options.get("on")));
        if (options.containsKey("dir")) {
            args.addAll(List.of("--dir", (String) options.get("dir")));
        }
        JsonNode r = command(args, ctx);
        int applied = r.path("applied").size();
        String version = r.path("schemaVersion").asText(null);
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("applied", applied);
        outputs.put("schemaVersion", version == null ? "" : version);
        return new StepResult(outputs, "applied " + applied + " migration(s) to " + options.get("on") + ", schema version " + version);
    }

    private StepResult data(Map<String, Object> options, StepContext ctx) {
        List<String> args = new ArrayList<>(List.of("data", "run"));
        if (options.containsKey("id")) {
            args.add((String) options.get("id"));
        }
        args.addAll(database((String) options.get("on")));
        JsonNode r = command(args, ctx);
        long migrated = 0;
        for (JsonNode m : r.path("migrations")) {
            migrated += m.path("migrated").asLong();
        }
        return new StepResult(Map.of("migrated", migrated), "data migrations on " + options.get("on") + ": " + r.path("migrations").size()
                + " run, " + migrated + " records migrated");
    }

    private StepResult validate(Map<String, Object> options, StepContext ctx) {
        String on = (String) options.getOrDefault("on", "target");
        List<String> args = new ArrayList<>(List.of("validate", "--checks", (String) options.get("checks")));
        if (options.containsKey("baseline")) {
            args.addAll(List.of("--baseline", (String) options.get("baseline")));
        }
        if (rehearsalBackups != null) {
            args.addAll(List.of("--report", rehearsalBackups.resolveSibling("reports").toString()));
        }
        args.addAll(database(on));
        NestedFerry.Outcome outcome = execute(args, ctx);
        JsonNode r = outcome.json();
        long failed = 0;
        for (JsonNode check : r.path("checks")) {
            failed += check.path("outcome").asText().equals("failed") ? 1 : 0;
        }
        if (outcome.exit() == 1) {
            throw new FerryException(ErrorCode.CHECK_FAILED, "validation of " + on + " failed: " + failed + " of " + r.path("checks").size() + " checks",
                    "the validate report under reports/ says which and why");
        }
        outcome.require();
        return new StepResult(Map.of("failed", failed), "validated " + on + ": " + r.path("checks").size() + " checks passed");
    }

    private StepResult copy(Map<String, Object> options, StepContext ctx) {
        List<String> args = new ArrayList<>(List.of("copy", "--from", endpoint((String) options.getOrDefault("from", "source")),
                "--to", endpoint((String) options.getOrDefault("to", "target"))));
        if (options.containsKey("mapping")) {
            args.addAll(List.of("--mapping", (String) options.get("mapping")));
        }
        if (options.get("tables") instanceof List<?> tables) {
            args.addAll(List.of("--tables", String.join(",", tables.stream().map(Object::toString).toList())));
        }
        if (options.containsKey("jobs")) {
            args.addAll(List.of("--jobs", options.get("jobs").toString()));
        }
        if (options.containsKey("maxRejects")) {
            args.addAll(List.of("--max-rejects", options.get("maxRejects").toString()));
        }
        if (ctx.again()) {
            args.add("--resume"); // an interrupted copy goes on after its committed ranges
        } else if (Boolean.TRUE.equals(options.get("truncate"))) {
            args.add("--truncate");
        }
        JsonNode r = command(args, ctx);
        long rows = r.path("rows").asLong();
        long rejected = 0;
        for (JsonNode table : r.path("tables")) {
            rejected += table.path("rejected").asLong();
        }
        return new StepResult(Map.of("rows", rows), "copied " + r.path("tables").size() + " tables, " + rows + " rows"
                + (rejected > 0 ? ", " + rejected + " rejected (under rejects/)" : ""));
    }

    /**
     * The app's secrets compared by fingerprint between the source server's env file and the target's;
     * with copy: true, the source's copied into the target's file first (atomically, its old text kept
     * beside it). Keys that still differ fail the step: a restored database would log nobody in.
     */
    private StepResult secrets(Map<String, Object> options, StepContext ctx) {
        Path from = context.workDir().resolve((String) options.get("source"));
        Path to = context.workDir().resolve((String) options.get("target"));
        List<String> keys = ((List<?>) options.get("keys")).stream().map(Object::toString).toList();
        Secrets secrets = new Secrets(workspace.directory().resolve(".ferry"), context.mask());
        String backup = "";
        if (rehearsalBackups != null) {
            SecretsComparison compared = secrets.compare(from, to, keys);
            List<String> off = compared.keys().stream().filter(k -> k.state() != SecretsComparison.State.SAME).map(SecretsComparison.KeyComparison::key).toList();
            return new StepResult(Map.of("backup", ""), off.isEmpty() ? keys.size() + " secret(s) already the same (compared, not copied, in a rehearsal)"
                    : (Boolean.TRUE.equals(options.get("copy")) ? "would copy " : "would fail on ") + String.join(", ", off) + " (compared only, in a rehearsal)");
        }
        if (Boolean.TRUE.equals(options.get("copy"))) {
            SecretsCopy copied = secrets.copy(from, to, keys);
            copied.keys().forEach(k -> ctx.log(k.key() + " " + k.action().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + " (fingerprint " + k.fingerprint() + ")"));
            backup = copied.backup() == null ? "" : copied.backup();
        }
        SecretsComparison compared = secrets.compare(from, to, keys);
        compared.keys().forEach(k -> ctx.log(k.key() + " " + k.state().name().toLowerCase(java.util.Locale.ROOT)
                + " (fingerprints " + (k.fingerprintA() == null ? "-" : k.fingerprintA()) + " and " + (k.fingerprintB() == null ? "-" : k.fingerprintB()) + ")"));
        if (!compared.allSame()) {
            List<String> off = compared.keys().stream().filter(k -> k.state() != SecretsComparison.State.SAME).map(SecretsComparison.KeyComparison::key).toList();
            throw new FerryException(ErrorCode.CHECK_FAILED, String.join(", ", off) + " differ between " + options.get("source") + " and " + options.get("target")
                    + ": the application on the target would not accept what the source's issued (logins, sessions)",
                    "copy: true in the step copies them from " + options.get("source") + "; ferry secrets compare shows the fingerprints");
        }
        return new StepResult(Map.of("backup", backup), keys.size() + " secret(s) the same in " + options.get("source") + " and " + options.get("target")
                + (backup.isEmpty() ? "" : " (copied; the old file kept as " + backup + ")"));
    }

    /** Ends the other sessions on the database (an application that still holds connections would fail a restore). */
    private StepResult terminateSessions(Map<String, Object> options, StepContext ctx) {
        Target on = target((String) options.get("on"));
        try (Database database = context.dialects().open(on.url()); Connection c = database.connect()) {
            SessionControl sessions = database.dialect().require(SessionControl.class, "end other sessions");
            List<SessionInfo> ended = sessions.terminateOtherSessions(c, c.getCatalog());
            ended.forEach(session -> ctx.log("ended " + session.describe()));
            return new StepResult(Map.of("terminated", ended.size()), "ended " + ended.size() + " other session(s) on the " + options.get("on"));
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "ending the sessions on " + on.url().redacted() + " failed: " + e.getMessage(), null, e);
        }
    }

    private Target target(String which) {
        return which.equals("source") ? source : target;
    }

    /** ${NAME} in the step's texts from the environment or the env file, as ferry.yaml's are (a shell command's are left to the shell). */
    private Map<String, Object> expanded(Step step, Map<String, Object> options) {
        Map<String, Object> expanded = new LinkedHashMap<>();
        options.forEach((name, value) -> expanded.put(name, value instanceof String text
                ? workspace.variables().expand(text, plan.file() + " step " + step.id() + " " + name + ":") : value));
        return expanded;
    }

    /** --env NAME or --url URL of source: or target: of the plan. */
    private List<String> database(String which) {
        Plan.Endpoint e = which.equals("source") ? plan.source() : plan.target();
        return e.environment() != null ? List.of("--env", e.environment()) : List.of("--url", e.url());
    }

    /** An endpoint as copy's --from/--to take it: an environment's name, or a URL. */
    private String endpoint(String which) {
        Plan.Endpoint e = which.equals("source") ? plan.source() : plan.target();
        return e.reference();
    }

    private JsonNode command(List<String> args, StepContext ctx) {
        return execute(args, ctx).require();
    }

    /** {@code ferry --json --yes ARGS} in this process: its errors and notes in the step's log, its result as JSON. */
    private NestedFerry.Outcome execute(List<String> args, StepContext ctx) {
        return ferry.run(args, ctx::log);
    }
}
