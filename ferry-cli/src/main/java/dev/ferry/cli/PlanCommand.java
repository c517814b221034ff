package dev.ferry.cli;

import dev.ferry.backup.ClientTools;
import dev.ferry.connect.Target;
import dev.ferry.connect.UrlForm;
import dev.ferry.connect.Workspace;
import dev.ferry.cutover.Plan;
import dev.ferry.doctor.CheckStatus;
import dev.ferry.doctor.DoctorCheck;
import dev.ferry.doctor.DoctorResult;
import dev.ferry.doctor.DoctorService;
import dev.ferry.doctor.Preflight;
import dev.ferry.error.ExitCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Json;
import dev.ferry.report.PlanText;
import dev.ferry.spi.Database;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code ferry plan PLAN.yaml}: the plan checked, its steps and what each does to which database, and the preflight of both databases. */
@Command(name = "plan", description = {"Check a cutover plan and show it: every step and what it will do to which database (URLs redacted),"
        + " the point of no return, the rollback, and the preflight of both databases (ferry doctor's checks). Changes nothing.",
        "Exit 0 when the plan is sound and no preflight check fails, 1 when one does, 2 when the plan has a mistake (file, line and column)."})
final class PlanCommand extends PlanFileCommand {

    PlanCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(Workspace workspace, Plan plan, Target source, Target target) {
        List<PlanText.Preflight> preflight = new ArrayList<>();
        // the plan's backups of postgres://, mysql:// and sqlite: databases are native (a docker:// one is checked apart)
        Preflight every = Preflight.backupsTo(context.workDir().resolve("backups")).nativeBackups();
        preflight.addAll(preflight("source", source, every));
        preflight.addAll(preflight("target", target, every.target(target, settings().yes).history(workspace).environments(workspace)));
        Console console = context.console();
        if (console.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("plan", plan.file().toString());
            json.put("steps", plan.steps());
            json.put("rollback", plan.rollback());
            json.put("pointOfNoReturn", plan.pointOfNoReturn() < plan.steps().size() ? plan.steps().get(plan.pointOfNoReturn()).id() : null);
            json.put("source", source.url().redacted());
            json.put("target", target.url().redacted());
            json.put("preflight", preflight);
            console.result(Json.write(json) + "\n");
        } else {
            console.result(PlanText.plan(plan, source.url().redacted() + source.environment().map(e -> " (environment " + e + ")").orElse(""),
                    target.url().redacted() + target.environment().map(e -> " (environment " + e + ")").orElse(""), preflight, console.ansi()));
        }
        return preflight.stream().allMatch(PlanText.Preflight::passed) ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
    }

    /**
     * ferry doctor's checks of one of the plan's databases (connection, tools, disk for the backups, its
     * contents; for the target also protection, history and environments sharing it). A docker:// URL
     * is reached through docker exec when its steps run: here only docker itself is looked for.
     */
    private List<PlanText.Preflight> preflight(String which, Target database, Preflight checks) {
        if (database.url().form() == UrlForm.DOCKER) {
            boolean docker = new ClientTools(context.environment()).locate("docker").isPresent();
            return List.of(new PlanText.Preflight(which + " answers", docker ? "ok" : "FAIL", docker
                    ? "reached through docker exec in the container when its steps run (" + database.url().redacted() + ")"
                    : "docker is not on PATH, and " + database.url().redacted() + " is reached through docker exec"));
        }
        try (Database open = context.dialects().open(database.url())) {
            DoctorResult result = new DoctorService(context.environment()).run(open, checks);
            List<PlanText.Preflight> lines = new ArrayList<>();
            lines.add(new PlanText.Preflight(which + " answers", "ok", open.dialect().name() + " at " + database.url().redacted()));
            for (DoctorCheck check : result.checks()) {
                lines.add(new PlanText.Preflight(which + " " + check.name(), status(check.status()), check.detail()
                        + (check.status() == CheckStatus.FAIL && check.hint() != null ? " (hint: " + check.hint() + ")" : "")));
            }
            return lines;
        } catch (FerryException e) {
            return List.of(new PlanText.Preflight(which + " answers", "FAIL", e.getMessage()));
        }
    }

    private static String status(CheckStatus status) {
        return status == CheckStatus.FAIL ? "FAIL" : status.name().toLowerCase(java.util.Locale.ROOT);
    }
}
