package dev.ferry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ferry env}: what a database remembers about the environments of ferry.yaml that write to
 * it ({@code ferry_environment}). Today one subcommand, {@code claim}.
 */
@Command(name = "env", description = "Which environment of ferry.yaml a database belongs to: the first environment that writes to a database"
        + " is recorded in it, and another one is refused there unless both are marked shared: true.",
        subcommands = {EnvClaimCommand.class})
final class EnvCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand, for example: ferry env claim staging --yes");
    }
}
