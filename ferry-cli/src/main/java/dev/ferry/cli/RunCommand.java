package dev.ferry.cli;

import dev.ferry.connect.Target;
import dev.ferry.connect.Workspace;
import dev.ferry.cutover.Plan;
import dev.ferry.cutover.PlanRunner;
import dev.ferry.cutover.RunResult;
import dev.ferry.cutover.Step;
import dev.ferry.cutover.StepKind;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.error.ExitCode;
import dev.ferry.report.Json;
import dev.ferry.report.RunHtml;
import dev.ferry.report.RunText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/**
 * {@code ferry run PLAN.yaml}: the plan's steps in order, each recorded in a journal before it starts and
 * after it ends; after the point of no return a failure runs the rollback. Exit 0 when every step
 * completed, 4 when one failed (what was rolled back, and what could not be, is printed).
 */
@Command(name = "run", description = {"Run a cutover plan: its steps in order with live progress, each recorded in .ferry/runs/ID/journal.jsonl"
        + " before it starts and after it ends; when a step after the point of no return fails, the plan's rollback: steps run.",
        "Writes reports/run-ID.json and .html (a timeline of the steps and the measured downtime). Exit 0 when every step completed, 4 when one failed (what was rolled back, and what could not be, is printed)."})
final class RunCommand extends PlanFileCommand {

    @Option(names = "--resume", description = "go on with the latest run of this plan that did not finish, from the step that did not complete")
    private boolean resume;

    @Option(names = "--approve", paramLabel = "ID", split = ",", description = "approve these approve: steps beforehand (for a run that is not on a terminal)")
    private List<String> approve = List.of();

    RunCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(Workspace workspace, Plan plan, Target source, Target target) {
        Console console = context.console();
        GlobalOptions.Settings settings = settings();
        refuseUnapproved(plan, console);
        for (Target database : List.of(source, target)) {
            ProtectedWrites.confirm(database, "run " + plan.file(), settings.yes, console); // the steps' own commands then run with --yes
        }
        PlanSteps steps = new PlanSteps(context, settings, plan, new HashSet<>(approve), workspace, source, target);
        RunResult result = new PlanRunner(plan, steps, workspace.directory().resolve(".ferry/runs"), console::report, context.mask()::apply).run(resume);
        Path report = write(result);
        console.result(console.json() ? Json.write(result) + "\n" : RunText.run(result, report, console.ansi()));
        return result.completed() ? ExitCode.OK.code() : ExitCode.STEP_FAILED.code();
    }

    /** An approve: step that would wait for a terminal this run does not have is refused before anything runs, not halfway. */
    private void refuseUnapproved(Plan plan, Console console) {
        if (console.interactive()) {
            return;
        }
        List<String> waiting = java.util.stream.Stream.concat(plan.steps().stream(), plan.rollback().stream())
                .filter(s -> s.kind() == StepKind.APPROVE && !approve.contains(s.id())).map(Step::id).toList();
        if (!waiting.isEmpty()) {
            throw new FerryException(ErrorCode.USAGE, plan.file() + " waits for the operator at " + String.join(", ", waiting)
                    + ", and this run is not on a terminal where it could ask; nothing was run",
                    "run it on a terminal, or approve beforehand: ferry run " + plan.file() + " --approve " + String.join(",", waiting));
        }
    }

    /** reports/run-ID.json and .html; the path of the page, which a person opens. */
    private Path write(RunResult result) {
        Path json = context.workDir().resolve("reports").resolve("run-" + result.id() + ".json");
        Path html = json.resolveSibling("run-" + result.id() + ".html");
        try {
            Files.createDirectories(json.getParent());
            Files.writeString(json, context.mask().apply(Json.write(result)) + "\n", StandardCharsets.UTF_8);
            Files.writeString(html, context.mask().apply(RunHtml.render(result)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return html;
    }
}
