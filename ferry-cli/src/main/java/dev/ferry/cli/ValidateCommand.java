package dev.ferry.cli;

import dev.ferry.connect.Target;
import dev.ferry.connect.Workspace;
import dev.ferry.error.ExitCode;
import dev.ferry.report.Json;
import dev.ferry.report.ValidateReports;
import dev.ferry.report.ValidateText;
import dev.ferry.spi.Database;
import dev.ferry.validate.BaselineManifest;
import dev.ferry.validate.ChecksFile;
import dev.ferry.validate.ValidateResult;
import dev.ferry.validate.ValidateRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** {@code ferry validate}: the declared data checks of checks.yaml, with a JSON and HTML report. */
@Command(name = "validate", description = "Run the data checks of checks.yaml; write reports/validate-<UTC>.json and .html; exit 1 when one fails.")
final class ValidateCommand extends DatabaseCommand {

    @Option(names = "--checks", paramLabel = "FILE", required = true, description = "the checks to run (see examples/checks.yaml)")
    private Path checksFile;

    @Option(names = "--baseline", paramLabel = "MANIFEST", description = "a backup's manifest.json (or its directory), for rowCount equals: baseline")
    private Path baselineFile;

    @Option(names = "--report", paramLabel = "DIR", description = "where the reports go (default: reports)")
    private Path reportDir = Path.of("reports");

    private ValidateRun run;

    ValidateCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void readInput(Workspace workspace) {
        ChecksFile checks = ChecksFile.load(checksFile, context.workDir().resolve(checksFile));
        Optional<BaselineManifest> baseline = Optional.ofNullable(baselineFile)
                .map(b -> BaselineManifest.load(b, context.workDir().resolve(b)));
        run = new ValidateRun(checks, baseline);
    }

    @Override
    protected int execute(Workspace workspace, Target target, Database database) {
        ValidateResult result = ValidateReports.write(run.run(database), reportDir, context.workDir().resolve(reportDir));
        Console console = context.console();
        console.result(console.json() ? Json.write(result) + "\n" : ValidateText.render(result, console.ansi()));
        return result.anyFailed() ? ExitCode.CHECK_FAILED.code() : ExitCode.OK.code();
    }
}
