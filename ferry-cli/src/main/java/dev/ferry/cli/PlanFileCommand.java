package dev.ferry.cli;

import dev.ferry.connect.Target;
import dev.ferry.connect.Workspace;
import dev.ferry.cutover.Plan;
import dev.ferry.cutover.PlanFile;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** What {@code ferry plan} and {@code ferry run} share: the plan file, read and checked first, and its two databases resolved. */
abstract class PlanFileCommand implements Callable<Integer> {
    protected final CliContext context;

    @Mixin
    private GlobalOptions globals;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLAN", description = "the plan (PLAN.yaml; see examples/server-move/PLAN.yaml)")
    private Path file;

    PlanFileCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public final Integer call() {
        GlobalOptions.Settings settings = settings();
        Workspace workspace = context.workspace(settings);
        Plan plan = PlanFile.load(file, context.workDir().resolve(file));
        Target source = resolve(workspace, plan.source(), "source");
        Target target = resolve(workspace, plan.target(), "target");
        return execute(workspace, plan, source, target);
    }

    /** { env: NAME } is an environment of ferry.yaml and nothing else; { url: URL } a URL, its ${VARS} filled in. */
    private Target resolve(Workspace workspace, Plan.Endpoint endpoint, String which) {
        return endpoint.environment() != null ? workspace.resolveTarget(null, endpoint.environment())
                : workspace.resolveUrlOrEnvironment(endpoint.url(), which + ": of " + file);
    }

    protected GlobalOptions.Settings settings() {
        return ((FerryCommand) spec.root().userObject()).settings();
    }

    protected abstract int execute(Workspace workspace, Plan plan, Target source, Target target);
}
