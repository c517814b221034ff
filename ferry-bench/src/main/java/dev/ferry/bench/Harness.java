package dev.ferry.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What every benchmark harness shares: the {@code --name=value} options, the exit codes (0 target
 * met, 1 missed, 2 usage, 4 a run failed with its logs kept) and the small formatting helpers.
 */
abstract class Harness {
    /** The work directory: runs' logs and generated files, removed after a run that did not fail. */
    protected abstract Path work();

    /** Measures and prints the table; 0 when the target is met, 1 when not. */
    protected abstract int run() throws Exception;

    /** The throwaway server the harness measures against, once started. */
    protected EmbeddedPostgres pg;

    protected void stopServer() {
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException e) {
                System.err.println("could not stop the embedded PostgreSQL cleanly: " + e.getMessage());
            }
        }
    }

    protected void execute(String db, String sql) throws SQLException {
        try (Connection c = pg.getDatabase("postgres", db).getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The first column of the first row. */
    protected String query(String db, String sql) throws SQLException {
        try (Connection c = pg.getDatabase("postgres", db).getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    interface Factory {
        Harness create(Map<String, String> options) throws IOException;
    }

    static void main(String[] args, String usage, Factory factory) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Map<String, String> options = new LinkedHashMap<>();
        for (String a : args) {
            if (!a.startsWith("--") || !a.contains("=")) {
                System.err.println("usage: " + usage);
                System.exit(2);
            }
            options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        Harness bench;
        try {
            bench = factory.create(options);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("FAILED: " + e.getMessage());
            System.exit(4);
            return;
        }
        int code;
        try {
            code = bench.run();
        } catch (RunFailed e) {
            System.err.println("FAILED: " + e.getMessage());
            System.err.println("logs kept in " + bench.work());
            code = 4;
        } catch (Exception e) {
            e.printStackTrace();
            System.err.println("FAILED; logs kept in " + bench.work());
            code = 4;
        } finally {
            bench.stopServer();
        }
        if (code != 4 && !options.containsKey("work")) {
            deleteTree(bench.work());
        }
        System.exit(code);
    }

    /** The middle value; for an even count, the lower of the two middle ones (as bench/cold-start.sh does). */
    static long medianOf(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
    }

    /** The 1, 5 and 15 minute load averages, where Linux tells them. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static String firstLine(String s) {
        return s.strip().lines().findFirst().orElse("");
    }

    static String tail(String s) {
        List<String> lines = s.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A run whose result cannot be trusted: the harness stops with exit code 4. */
    static final class RunFailed extends RuntimeException {
        RunFailed(String message) {
            super(message);
        }
    }
}
