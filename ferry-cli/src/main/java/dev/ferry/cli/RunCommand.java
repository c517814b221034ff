package dev.ferry.cli;

import dev.ferry.connect.Target;
import dev.ferry.connect.UrlForm;
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
import dev.ferry.spi.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    @Option(names = "--rehearse", description = "run the whole plan on scratch copies of source and target (embedded PostgreSQL of their versions,"
            + " restored from backups taken now) instead: shell and http steps shown, not run; the real databases are only read. Reports the"
            + " timings it saw, the downtime above all")
    private boolean rehearse;

    @Option(names = "--approve", paramLabel = "ID", split = ",", description = "approve these approve: steps beforehand (for a run that is not on a terminal)")
    private List<String> approve = List.of();

    /** A rehearsal's plan, run in a process of its own on the scratch copies its parent made (see {@link #rehearse}). */
    @Option(names = "--rehearsal-source", hidden = true, paramLabel = "URL")
    private String rehearsalSource;

    @Option(names = "--rehearsal-target", hidden = true, paramLabel = "URL")
    private String rehearsalTarget;

    @Option(names = "--rehearsal-dir", hidden = true, paramLabel = "DIR")
    private Path rehearsalDir;

    RunCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(Workspace workspace, Plan plan, Target source, Target target) {
        Console console = context.console();
        GlobalOptions.Settings settings = settings();
        if (rehearsalSource != null || rehearsalTarget != null || rehearsalDir != null) {
            if (rehearsalSource == null || rehearsalTarget == null || rehearsalDir == null) {
                throw new FerryException(ErrorCode.USAGE, "--rehearsal-source, --rehearsal-target and --rehearsal-dir are how ferry run --rehearse"
                        + " hands its scratch copies to the process that rehearses on them: all three or none; nothing was run",
                        "ferry run " + plan.file() + " --rehearse");
            }
            return rehearseOnCopies(workspace, plan, settings);
        }
        if (rehearse) {
            return rehearse(workspace, plan, source, target, settings);
        }
        refuseUnapproved(plan, console);
        for (Target database : List.of(source, target)) {
            ProtectedWrites.confirm(database, "run " + plan.file(), settings.yes, console); // the steps' own commands then run with --yes
        }
        PlanSteps steps = new PlanSteps(context, settings, plan, new HashSet<>(approve), workspace, source, target);
        RunResult result;
        try (EmbeddedHeld held = new EmbeddedHeld(context, source, target)) {
            result = new PlanRunner(plan, steps, workspace.directory().resolve(".ferry/runs"), console::report, context.mask()::apply).run(resume);
        }
        Path report = write(result, "run-");
        console.result(console.json() ? Json.write(result) + "\n" : RunText.run(result, report, console.ansi()));
        return result.completed() ? ExitCode.OK.code() : ExitCode.STEP_FAILED.code();
    }

    /**
     * The plan on scratch copies, reported as reports/rehearsal-ID.json and .html; exit 0 when it
     * completed there. The copies are made here; the plan then runs on them in a process of its own,
     * started as cold as the real run will be, so that the timings it reports are the ones to expect
     * (in this process it would find the code warmed up by the backups and restores of the copies).
     */
    private int rehearse(Workspace workspace, Plan plan, Target source, Target target, GlobalOptions.Settings settings) {
        if (resume) {
            throw new FerryException(ErrorCode.USAGE, "--rehearse runs the whole plan anew on scratch copies; there is nothing to resume in it",
                    "ferry run " + plan.file() + " --rehearse, or --resume for the real run");
        }
        Path dir = workspace.directory().resolve(".ferry/rehearsals").resolve(PlanRunner.runId(java.time.Instant.now()));
        try (Rehearsal rehearsal = new Rehearsal(context, settings, dir)) {
            Plan copies = rehearsal.copies(plan, source, target);
            List<String> args = new ArrayList<>(ChildFerry.flags(settings, context.workDir()));
            args.addAll(List.of("run", plan.file().toString(), "--rehearsal-source", copies.source().url(), "--rehearsal-target", copies.target().url(),
                    "--rehearsal-dir", dir.toString()));
            if (!approve.isEmpty()) {
                args.addAll(List.of("--approve", String.join(",", approve)));
            }
            return new ChildFerry(context).run(context.workDir(), args, context.console().out()).exit();
        }
    }

    /** The rehearsal's own process: the plan run on the copies named, its report written and told. */
    private int rehearseOnCopies(Workspace workspace, Plan plan, GlobalOptions.Settings settings) {
        Console console = context.console();
        Plan copies = Rehearsal.on(plan, rehearsalSource, rehearsalTarget);
        PlanSteps steps = new PlanSteps(context, settings, copies, new HashSet<>(approve), workspace,
                workspace.resolveUrlOrEnvironment(rehearsalSource, "the rehearsal's source"),
                workspace.resolveUrlOrEnvironment(rehearsalTarget, "the rehearsal's target"), rehearsalDir.resolve("backups"));
        RunResult result = new PlanRunner(copies, steps, rehearsalDir.resolve("runs"), console::report, context.mask()::apply).run(false);
        Path report = write(result, "rehearsal-");
        console.result(console.json() ? Json.write(result) + "\n" : RunText.rehearsal(result, report, console.ansi()));
        return result.completed() ? ExitCode.OK.code() : ExitCode.STEP_FAILED.code();
    }

    /**
     * The embedded servers of a run's databases, held open from its first step to its last: each step's
     * command then finds them running, instead of reaching for them and letting go (the last handle of
     * a process checks whether to stop the server) at every step.
     */
    private static final class EmbeddedHeld implements AutoCloseable {
        private final List<Database> held = new ArrayList<>();

        EmbeddedHeld(CliContext context, Target... databases) {
            try {
                for (Target t : databases) {
                    if (t.url().form() == UrlForm.EMBEDDED) {
                        held.add(context.dialects().open(t.url()));
                    }
                }
            } catch (RuntimeException e) {
                close(); // the first one opened, when the second could not be
                throw e;
            }
        }

        @Override
        public void close() {
            held.forEach(Database::close);
        }
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
    private Path write(RunResult result, String prefix) {
        Path json = context.workDir().resolve("reports").resolve(prefix + result.id() + ".json");
        Path html = json.resolveSibling(prefix + result.id() + ".html");
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
