package dev.ferry.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ferry against Flyway on the same throwaway PostgreSQL 17: each applies the same N migrations
 * (a table of five columns and an index each) to a fresh database of its own, in a fresh JVM per
 * run, alternating which goes first; then {@code ferry status} over a database with M applied
 * migrations. Wall time is measured around the whole child process, JVM start included. Every
 * run's result is checked in the database, so a fast failure cannot pass for a fast run.
 *
 * <p>Run by {@code bench/migrate-vs-flyway.sh}, which builds the jars and the class paths. Exit
 * code 0: all runs succeeded and both targets were met; 1: a target was missed; 4: a run failed.
 */
public final class MigrateVsFlyway extends Harness {
    private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    private final Path ferryJar;
    private final String flywayClasspath;
    private final int runs;
    private final int statusRuns;
    private final int migrations;
    private final int statusMigrations;
    private final Path work;
    private int logs;

    private MigrateVsFlyway(Map<String, String> o) throws IOException {
        ferryJar = Path.of(o.getOrDefault("ferry-jar", "ferry-cli/target/ferry.jar")).toAbsolutePath();
        flywayClasspath = Path.of(o.getOrDefault("classes", "ferry-bench/target/classes")).toAbsolutePath() + File.pathSeparator
                + Files.readString(Path.of(o.getOrDefault("flyway-classpath", "ferry-bench/target/flyway.classpath"))).strip();
        runs = Integer.parseInt(o.getOrDefault("runs", "5"));
        statusRuns = Integer.parseInt(o.getOrDefault("status-runs", "5"));
        migrations = Integer.parseInt(o.getOrDefault("migrations", "500"));
        statusMigrations = Integer.parseInt(o.getOrDefault("status-migrations", "1000"));
        if (!Files.isRegularFile(ferryJar)) {
            throw new IllegalArgumentException(ferryJar + " is missing: build it with ./mvnw -DskipTests -pl ferry-cli -am package");
        }
        work = o.containsKey("work") ? Files.createDirectories(Path.of(o.get("work"))) : Files.createTempDirectory("ferry-bench-");
    }

    public static void main(String[] args) {
        Harness.main(args, "MigrateVsFlyway [--runs=5] [--status-runs=5] [--migrations=500] [--status-migrations=1000]"
                + " [--ferry-jar=PATH] [--flyway-classpath=FILE] [--classes=DIR] [--work=DIR]", MigrateVsFlyway::new);
    }

    @Override
    protected Path work() {
        return work;
    }

    @Override
    protected int run() throws Exception {
        String loadBefore = loadAverage();
        Path small = generate("m" + migrations, migrations);
        Path large = generate("m" + statusMigrations, statusMigrations);
        startServer();
        String flywayVersion = firstLine(measure("flyway-version", flywayCommand("version")).output);
        String serverVersion = query("postgres", "show server_version");
        measure("ferry-version-warmup", List.of(java.toString(), "-jar", ferryJar.toString(), "--version"));

        List<Run> ferry = new ArrayList<>();
        List<Run> flyway = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            boolean ferryFirst = i % 2 == 1;
            for (int turn = 0; turn < 2; turn++) {
                if ((turn == 0) == ferryFirst) {
                    ferry.add(ferryMigrate("ferry_" + i, small, migrations));
                } else {
                    flyway.add(flywayMigrate("flyway_" + i, small, migrations));
                }
            }
            System.err.printf(Locale.ROOT, "  round %d/%d: ferry %s, flyway %s%n", i, runs, seconds(ferry.get(i - 1).ms), seconds(flyway.get(i - 1).ms));
        }

        Run ferryLarge = ferryMigrate("ferry_status", large, statusMigrations);
        Run flywayLarge = flywayMigrate("flyway_info", large, statusMigrations);
        List<Run> status = new ArrayList<>();
        List<Run> info = new ArrayList<>();
        for (int i = 1; i <= statusRuns; i++) {
            status.add(ferryStatus("ferry_status", large, statusMigrations));
            info.add(flywayInfo("flyway_info", large, statusMigrations));
        }
        List<Run> jvm = new ArrayList<>();
        for (int i = 1; i <= statusRuns; i++) {
            jvm.add(measure("ferry-version", List.of(java.toString(), "-jar", ferryJar.toString(), "--version")));
        }

        long ferryMedian = median(ferry);
        long flywayMedian = median(flyway);
        long statusMedian = median(status);
        System.out.printf(Locale.ROOT, "%nFerry %s vs %s, PostgreSQL %s (embedded), %d cores, Java %s%n", ferryVersion(), flywayVersion, serverVersion,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.println("wall time of one fresh JVM (one child process) each, JVM start included");
        System.out.println("load average before: " + loadBefore + ", after: " + loadAverage() + " (other work on the machine shows here)");
        System.out.println();
        String format = "%-42s %5s %9s %9s %9s%n";
        System.out.printf(Locale.ROOT, format, "measurement", "runs", "median", "min", "max");
        row(format, "ferry migrate, " + count(migrations) + " migrations", ferry);
        row(format, "flyway migrate, " + count(migrations) + " migrations", flyway);
        row(format, "ferry migrate, " + count(statusMigrations) + " migrations", List.of(ferryLarge));
        row(format, "flyway migrate, " + count(statusMigrations) + " migrations", List.of(flywayLarge));
        row(format, "ferry status, " + count(statusMigrations) + " applied", status);
        row(format, "flyway info, " + count(statusMigrations) + " applied", info);
        row(format, "ferry --version (JVM start, for scale)", jvm);
        System.out.println();
        boolean migrateMet = ferryMedian <= flywayMedian;
        boolean statusMet = statusMedian < 1000;
        System.out.printf(Locale.ROOT, "ferry migrate / flyway migrate: %.2f (median %s against %s)%n", (double) ferryMedian / flywayMedian,
                seconds(ferryMedian), seconds(flywayMedian));
        System.out.printf(Locale.ROOT, "target: ferry migrate at most as slow as flyway migrate ... %s%n", migrateMet ? "met" : "NOT MET");
        System.out.printf(Locale.ROOT, "target: ferry status over %s applied under 1 s ......... %s%n", count(statusMigrations), statusMet ? "met" : "NOT MET");
        return migrateMet && statusMet ? 0 : 1;
    }

    private Run ferryMigrate(String db, Path dir, int n) throws Exception {
        createDatabase(db);
        Run r = measure("ferry-migrate-" + db, List.of(java.toString(), "-jar", ferryJar.toString(), "migrate", "--url", ferryUrl(db), "--dir", dir.toString()));
        verify(db, "ferry_history", "type = 'VERSIONED'", n);
        return r;
    }

    private Run flywayMigrate(String db, Path dir, int n) throws Exception {
        createDatabase(db);
        Run r = measure("flyway-migrate-" + db, flywayCommand("migrate", jdbcUrl(db), "postgres", dir.toString()));
        verify(db, "flyway_schema_history", "version is not null", n);
        return r;
    }

    private Run ferryStatus(String db, Path dir, int n) throws Exception {
        checkpoint();
        Run r = measure("ferry-status", List.of(java.toString(), "-jar", ferryJar.toString(), "status", "--url", ferryUrl(db), "--dir", dir.toString()));
        if (!r.output.contains("is at version " + n + "; 0 pending")) {
            throw new RunFailed("ferry status did not report version " + n + " with nothing pending; see " + r.log);
        }
        return r;
    }

    private Run flywayInfo(String db, Path dir, int n) throws Exception {
        checkpoint();
        Run r = measure("flyway-info", flywayCommand("info", jdbcUrl(db), "postgres", dir.toString()));
        if (!r.output.contains(n + " | ") || r.output.contains("| Pending |")) {
            throw new RunFailed("flyway info did not show " + n + " applied migrations; see " + r.log);
        }
        return r;
    }

    private List<String> flywayCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", flywayClasspath, FlywayRun.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs one child process with its output in a log file; wall time from before start to after exit. */
    private Run measure(String name, List<String> command) throws IOException, InterruptedException {
        Path log = work.resolve(String.format(Locale.ROOT, "%02d-%s.log", ++logs, name));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        long start = System.nanoTime();
        Process p = pb.start();
        int exit = p.waitFor();
        long ms = (System.nanoTime() - start) / 1_000_000;
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (exit != 0) {
            throw new RunFailed(name + " exited with " + exit + "; its output (" + log + "):\n" + tail(output));
        }
        return new Run(ms, output, log);
    }

    private void verify(String db, String history, String versioned, int n) throws SQLException {
        long tables = Long.parseLong(query(db, "select count(*) from pg_class c join pg_namespace s on s.oid = c.relnamespace"
                + " where s.nspname = 'public' and c.relkind = 'r' and c.relname ~ '^t_[0-9]+$'"));
        long indexes = Long.parseLong(query(db, "select count(*) from pg_class c join pg_namespace s on s.oid = c.relnamespace"
                + " where s.nspname = 'public' and c.relkind = 'i' and c.relname ~ '^t_[0-9]+_a$'"));
        long rows = Long.parseLong(query(db, "select count(*) from " + history + " where success and " + versioned));
        if (tables != n || indexes != n || rows != n) {
            throw new RunFailed(db + ": expected " + n + " tables, indexes and history rows, found " + tables + ", " + indexes + " and " + rows);
        }
    }

    /** The same files for both tools: V1__create_t_1.sql … one table of five columns and one index each. */
    private Path generate(String name, int n) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        for (int i = 1; i <= n; i++) {
            Files.writeString(dir.resolve("V" + i + "__create_t_" + i + ".sql"),
                    "CREATE TABLE t_" + i + " (id bigint primary key, a text, b integer, c timestamptz, d numeric(10,2));\n"
                            + "CREATE INDEX t_" + i + "_a ON t_" + i + " (a);\n", StandardCharsets.UTF_8);
        }
        return dir;
    }

    private void startServer() throws IOException {
        Path log = work.resolve("postgres.log");
        ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
        // zonky's defaults: trust authentication, fsync off (-F), synchronous_commit=off, max_connections=300.
        pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg")).setCleanDataDirectory(true)
                .setOutputRedirector(toLog).setErrorRedirector(toLog).start();
    }

    /** A new database, and a checkpoint so the previous run's dirty pages are not written during the next one. */
    private void createDatabase(String db) throws SQLException {
        execute("postgres", "create database " + db);
        checkpoint();
    }

    private void checkpoint() throws SQLException {
        execute("postgres", "checkpoint");
    }

    private String ferryUrl(String db) {
        return "postgres://postgres@localhost:" + pg.getPort() + "/" + db;
    }

    private String jdbcUrl(String db) {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + db;
    }

    private String ferryVersion() throws IOException, InterruptedException {
        return firstLine(measure("ferry-version", List.of(java.toString(), "-jar", ferryJar.toString(), "--version")).output).replaceFirst("^(?i)ferry ", "");
    }

    private static void row(String format, String label, List<Run> runs) {
        System.out.printf(Locale.ROOT, format, label, runs.size(), seconds(median(runs)),
                seconds(runs.stream().mapToLong(Run::ms).min().orElseThrow()), seconds(runs.stream().mapToLong(Run::ms).max().orElseThrow()));
    }

    private static long median(List<Run> runs) {
        return medianOf(runs.stream().map(Run::ms).toList());
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private record Run(long ms, String output, Path log) {
    }

}
