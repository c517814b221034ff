package dev.ferry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ferry secrets}: the app's secrets in env files, compared by fingerprint and never shown. Today one subcommand, {@code compare}. */
@Command(name = "secrets", description = "The app's secrets in env files (NEXTAUTH_SECRET, JWT_SECRET…), compared by keyed fingerprint;"
        + " a value is never shown.",
        subcommands = {SecretsCompareCommand.class})
final class SecretsCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand, for example: ferry secrets compare old/.env .env");
    }
}
