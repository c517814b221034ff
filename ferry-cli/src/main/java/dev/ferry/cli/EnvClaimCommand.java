package dev.ferry.cli;

import dev.ferry.connect.Target;
import dev.ferry.connect.UrlForm;
import dev.ferry.connect.Workspace;
import dev.ferry.env.Claimant;
import dev.ferry.env.EnvironmentGuard;
import dev.ferry.env.EnvironmentRecord;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.ExitCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Json;
import dev.ferry.spi.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code ferry env claim NAME}: the database of environment NAME now belongs to NAME alone, whichever
 * environment wrote to it before (a staging database that became a laptop's, a server handed over).
 * Taking it from another environment needs {@code --yes} or NAME typed on a terminal; so does any
 * write to a protected environment.
 */
@Command(name = "claim", description = "Record that the database of environment NAME belongs to NAME from now on, forgetting the environments"
        + " that wrote to it before; taking it from another environment needs --yes or the typed name.")
final class EnvClaimCommand implements Callable<Integer>, WritesDatabase {
    private static final String COMMAND = "env claim";
    private final CliContext context;

    @Mixin
    private GlobalOptions globals;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "the environment of ferry.yaml (default: --env)")
    private String name;

    EnvClaimCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        GlobalOptions.Settings settings = ((FerryCommand) spec.root().userObject()).settings();
        String environment = environment(settings);
        Target target = context.workspace(settings).resolveTarget(null, environment);
        ProtectedWrites.confirm(target, COMMAND, settings.yes, context.console());
        if (target.url().form() == UrlForm.DOCKER) {
            throw new FerryException(ErrorCode.USAGE, "ferry env claim cannot work through " + target.url().redacted()
                    + ": it writes a table, which needs a database connection", "point environment '" + environment + "' at the container's published port");
        }
        EnvironmentGuard guard = new EnvironmentGuard(new Claimant(environment, target.isShared(), context.host()));
        try (Database database = context.dialects().open(target.url())) {
            List<EnvironmentRecord> holders = guard.holders(database);
            if (!holders.isEmpty() && !settings.yes && !target.isProtected()) {
                String from = names(holders);
                ProtectedWrites.confirmByTypedName(environment, "its name", "ferry env claim takes " + target.url().redacted() + " from environment " + from,
                        COMMAND + " " + environment, "ferry env claim will take " + target.url().redacted() + " from environment " + from
                                + " for '" + environment + "': commands of " + from + " are refused there afterwards.", context.console());
            }
            List<EnvironmentRecord> before = guard.claim(database);
            render(database, environment, before);
        }
        return ExitCode.OK.code();
    }

    /** NAME, or --env when NAME is left out; both must agree when both are given. */
    private String environment(GlobalOptions.Settings settings) {
        if (name != null && settings.env != null && !name.equals(settings.env)) {
            throw new FerryException(ErrorCode.USAGE, "ferry env claim names environment '" + name + "' and --env names '" + settings.env + "'",
                    "name one environment: ferry env claim " + name);
        }
        if (name == null && settings.env == null) {
            throw new FerryException(ErrorCode.USAGE, "ferry env claim needs the environment that takes the database",
                    "name it: ferry env claim NAME --yes (NAME from environments: in " + Workspace.DEFAULT_CONFIG + ")");
        }
        return name != null ? name : settings.env;
    }

    private void render(Database database, String environment, List<EnvironmentRecord> before) {
        Console console = context.console();
        List<String> previous = before.stream().map(EnvironmentRecord::name).filter(n -> !n.equals(environment)).toList();
        if (console.json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("database", database.url().redacted());
            result.put("environment", environment);
            result.put("previous", previous);
            console.result(Json.write(result) + "\n");
            return;
        }
        console.result(database.url().redacted() + " now belongs to environment '" + environment + "'"
                + (previous.isEmpty() ? " (no other environment had written to it)" : "; forgotten: " + names(before.stream()
                .filter(r -> !r.name().equals(environment)).toList()) + " (their writes are refused here from now on)") + "\n");
    }

    private static String names(List<EnvironmentRecord> records) {
        return records.stream().map(r -> "'" + r.name() + "'").collect(Collectors.joining(", "));
    }
}
