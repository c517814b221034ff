package dev.ferry.cli;

import picocli.CommandLine.Option;

/** {@code --history TOOL} of the commands that can read another tool's history: status, check, repair. */
final class HistoryOption {
    @Option(names = "--history", paramLabel = "TOOL",
            description = "read another tool's history table in place: rails (schema_migrations), prisma (_prisma_migrations) or flyway"
                    + " (flyway_schema_history); default: ferry, or history.tool in ferry.yaml. Ferry never runs that tool's migrations")
    String tool;
}
