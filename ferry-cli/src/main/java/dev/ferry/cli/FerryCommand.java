package dev.ferry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The root {@code ferry} command: global options, and the subcommands that work today. Its
 * attributes are inherited ({@code scope = INHERIT}) so that every subcommand, including those added
 * later, takes {@code --help}, {@code -h} and {@code --version} without declaring them.
 */
@Command(name = "ferry",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Moves databases safely, and proves that nothing was lost on the way.",
        subcommands = {MigrateCommand.class, StatusCommand.class, CheckCommand.class, RepairCommand.class, BaselineCommand.class,
                UndoCommand.class, AdoptCommand.class, DiffCommand.class, InspectCommand.class, ValidateCommand.class, DoctorCommand.class,
                SecretsCommand.class, BackupCommand.class, RestoreCommand.class, CopyCommand.class, DataCommand.class, EnvCommand.class,
                ServeCommand.class, PlanCommand.class, RunCommand.class, DemoCommand.class, HelpCommand.class},
        footer = {"", "The database comes from --url, else --env NAME (ferry.yaml), else FERRY_URL, else DATABASE_URL.",
                "Exit codes: 0 ok, 1 a check found a problem, 2 usage or configuration, 3 cannot connect, 4 a step failed, 5 locked."})
final class FerryCommand implements Runnable {
    private final GlobalOptions.Settings settings = new GlobalOptions.Settings();

    @Mixin
    private GlobalOptions globals;

    @Spec
    private CommandSpec spec;

    GlobalOptions.Settings settings() {
        return settings;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command, for example: ferry inspect --url embedded:postgres");
    }
}
