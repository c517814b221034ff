package dev.ferry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ferry data}: the data migrations of migrations/data, listed, run, skipped or reset. */
@Command(name = "data", description = "Data migrations (migrations/data: D<version>__<description>.sql, Java classes in jars, .cmd commands):"
        + " list their states, run them in batches that commit with their checkpoints, skip, reset or undo one.",
        subcommands = {DataListCommand.class, DataStatusCommand.class, DataRunCommand.class, DataSkipCommand.class, DataResetCommand.class, DataDownCommand.class})
final class DataCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name what to do, for example: ferry data list, or ferry data run");
    }
}
