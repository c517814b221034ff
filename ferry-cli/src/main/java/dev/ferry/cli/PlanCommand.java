package dev.ferry.cli;

import dev.ferry.connect.Target;
import dev.ferry.connect.UrlForm;
import dev.ferry.connect.Workspace;
import dev.ferry.cutover.Plan;
import dev.ferry.error.ExitCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Json;
import dev.ferry.report.PlanText;
import dev.ferry.spi.Database;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code ferry plan PLAN.yaml}: the plan checked, its steps and what each does to which database, and whether both databases answer. */
@Command(name = "plan", description = {"Check a cutover plan and show it: every step and what it will do to which database (URLs redacted),"
        + " the point of no return, the rollback, and whether source and target answer. Changes nothing.",
        "Exit 0 when the plan is sound and both databases answer, 1 when one does not, 2 when the plan has a mistake (file, line and column)."})
final class PlanCommand extends PlanFileCommand {

    PlanCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(Workspace workspace, Plan plan, Target source, Target target) {
        List<PlanText.Preflight> preflight = List.of(reach("source", source), reach("target", target));
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

    /** Whether the database answers: the first of the preflight's checks ({@code ferry doctor} holds the rest). */
    private PlanText.Preflight reach(String which, Target target) {
        if (target.url().form() == UrlForm.DOCKER) {
            boolean docker = java.util.stream.Stream.of(context.environment().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                    .anyMatch(dir -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, "docker")));
            return new PlanText.Preflight(which + " answers", docker, docker ? "reached through docker exec in the container when its steps run"
                    + " (" + target.url().redacted() + ")" : "docker is not on PATH, and " + target.url().redacted() + " is reached through docker exec");
        }
        try (Database database = context.dialects().open(target.url())) {
            database.connect().close();
            return new PlanText.Preflight(which + " answers", true, database.dialect().name() + " at " + target.url().redacted());
        } catch (FerryException e) {
            return new PlanText.Preflight(which + " answers", false, e.getMessage());
        } catch (java.sql.SQLException e) {
            return new PlanText.Preflight(which + " answers", false, e.getMessage());
        }
    }
}
