package dev.ferry.cli;

import dev.ferry.migrate.Migrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ferry adopt flyway|prisma}: take over another tool's history. */
@Command(name = "adopt", description = "Take over the history of Flyway (flyway_schema_history) or Prisma (_prisma_migrations); runs nothing.")
final class AdoptCommand extends MigrationCommand implements WritesDatabase {

    @Parameters(paramLabel = "TOOL", description = "flyway or prisma")
    private String tool;

    AdoptCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(Migrations migrations) {
        return ChangeOutput.print(context.console(), migrations.adopt(tool, lockTimeout()));
    }
}
