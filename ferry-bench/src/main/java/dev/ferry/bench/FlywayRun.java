package dev.ferry.bench;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Flyway through its Java API, as a program of its own so that every measurement starts a fresh
 * JVM, just as {@code java -jar ferry.jar} does. Defaults everywhere (validate on migrate, one
 * transaction per migration); the only configuration is where the database and the files are.
 *
 * <pre>
 * java -cp CLASSPATH dev.ferry.bench.FlywayRun migrate|info JDBC_URL USER DIR
 * java -cp CLASSPATH dev.ferry.bench.FlywayRun version
 * </pre>
 */
public final class FlywayRun {
    private FlywayRun() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 1 && args[0].equals("version")) {
            try (InputStream in = Flyway.class.getResourceAsStream("/org/flywaydb/core/internal/version.txt")) {
                System.out.println("Flyway " + new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
            }
            return;
        }
        if (args.length != 4) {
            System.err.println("usage: FlywayRun migrate|info JDBC_URL USER DIR");
            System.exit(2);
        }
        Flyway flyway = Flyway.configure()
                .dataSource(args[1], args[2], "")
                .locations("filesystem:" + args[3])
                .load();
        switch (args[0]) {
            case "migrate" -> {
                MigrateResult r = flyway.migrate();
                System.out.println("Applied " + r.migrationsExecuted + " migrations, now at version " + r.targetSchemaVersion + ".");
            }
            case "info" -> {
                MigrationInfo[] all = flyway.info().all();
                for (MigrationInfo m : all) {
                    System.out.println(m.getVersion() + " | " + m.getDescription() + " | " + m.getState().getDisplayName() + " | " + m.getInstalledOn());
                }
                System.out.println(all.length + " migrations.");
            }
            default -> {
                System.err.println("unknown mode " + args[0]);
                System.exit(2);
            }
        }
    }
}
