package dev.ferry.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The machine's PostgreSQL client tools (Debian's 15: bin/test installs them), run as the superuser of a local test server. */
public final class PgTools {
    private PgTools() {
    }

    /**
     * {@code pg_dump --schema-only --no-owner}. pg_dump since 15.14 wraps its output in \restrict
     * with a random key; a fixed key makes two dumps of the same schema byte-identical.
     */
    public static String schemaDump(int port, String database) {
        List<String> command = new ArrayList<>(List.of("pg_dump", "--schema-only", "--no-owner", "-h", "localhost",
                "-p", String.valueOf(port), "-U", "postgres", database));
        if (run(List.of("pg_dump", "--help")).contains("--restrict-key")) {
            command.add("--restrict-key=ferrytest");
        }
        return run(command);
    }

    /** Runs a script file with psql, stopping at the first error, as a user applies a repair script. */
    public static String psqlFile(int port, String database, java.nio.file.Path file) {
        return run(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "localhost", "-p", String.valueOf(port), "-U", "postgres",
                "-d", database, "-f", file.toString()));
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(command.get(0) + " cannot run; bin/test installs postgresql-client", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
