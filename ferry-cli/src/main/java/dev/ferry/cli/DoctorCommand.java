package dev.ferry.cli;

import dev.ferry.connect.Target;
import dev.ferry.connect.Workspace;
import dev.ferry.doctor.DoctorResult;
import dev.ferry.doctor.DoctorService;
import dev.ferry.doctor.ToolProbe;
import dev.ferry.error.ExitCode;
import dev.ferry.report.DoctorText;
import dev.ferry.report.Json;
import dev.ferry.spi.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code ferry doctor}: preflight checks before Ferry is trusted with a database. */
@Command(name = "doctor", description = "Check the connection, the client tools Ferry needs and the free disk for backups.")
final class DoctorCommand extends DatabaseCommand {

    @Option(names = "--out", paramLabel = "DIR", description = "where backups will go (default: backups)")
    private Path backups = Path.of("backups");

    DoctorCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(Workspace workspace, Target target, Database database) {
        DoctorService doctor = new DoctorService(new ToolProbe(context.environment().get("PATH")));
        DoctorResult result = doctor.run(database, context.workDir().resolve(backups));
        Console console = context.console();
        console.result(console.json() ? Json.write(result) + "\n" : DoctorText.render(result, console.ansi()));
        return result.failed() ? ExitCode.CHECK_FAILED.code() : ExitCode.OK.code();
    }
}
