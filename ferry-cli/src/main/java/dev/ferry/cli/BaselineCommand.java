package dev.ferry.cli;

import dev.ferry.migrate.MigrationVersion;
import dev.ferry.migrate.Migrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry baseline}: start the history of an existing database. */
@Command(name = "baseline", description = "Start the history of an existing database: migrations up to VERSION count as applied.")
final class BaselineCommand extends MigrationCommand implements WritesDatabase {

    /** Declared here because --version is this command's own option (PRODUCT.md), not the program's version. */
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    @Option(names = "--version", required = true, paramLabel = "VERSION", description = "the version the database already has")
    private String version;

    @Option(names = "--description", paramLabel = "TEXT", defaultValue = "baseline", description = "recorded with the baseline")
    private String description;

    BaselineCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(Migrations migrations) {
        return ChangeOutput.print(context.console(), migrations.baseline(MigrationVersion.parse(version), description, lockTimeout()));
    }
}
