package dev.ferry.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

/**
 * {@code ferry diff} between two databases against {@code pg_dump --schema-only} of one, on the
 * same throwaway PostgreSQL 15 (Debian's pg_dump here is 15 and refuses newer servers). Database
 * A has N tables of seven or eight columns, one or two secondary indexes, most with a foreign key
 * to an earlier table and some with a unique constraint; B is a copy of A ({@code CREATE DATABASE
 * b TEMPLATE a}) with 50 changes spread over different tables. Each command runs as a fresh child
 * process, alternating which goes first; wall time is measured around the whole process, JVM start
 * included. Every run's output is checked (ferry names each of the 50 changed objects and counts at least 50
 * differences; A against A has none; pg_dump prints every table), so a broken run cannot pass.
 *
 * <p>Run by {@code bench/diff-vs-pg-dump.sh}, which builds the jars, the class path and the copy of
 * the PostgreSQL 15 binaries. Exit code 0: all runs succeeded and ferry diff's median is under 3×
 * pg_dump's; 1: the target was missed; 4: a run failed.
 */
public final class DiffVsPgDump extends Harness {
    /** Target: ferry diff A B under this many times pg_dump's median. */
    private static final double TARGET_RATIO = 3.0;

    private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    private final Path ferryJar;
    private final Path pgBinaries;
    private final String pgDump;
    private final int runs;
    private final int tables;
    private final Path work;
    private int logs;

    private DiffVsPgDump(Map<String, String> o) throws IOException {
        ferryJar = Path.of(o.getOrDefault("ferry-jar", "ferry-cli/target/ferry.jar")).toAbsolutePath();
        pgBinaries = Path.of(o.getOrDefault("pg-binaries", "ferry-bench/target/pg-binaries/postgres-15.jar")).toAbsolutePath();
        pgDump = o.getOrDefault("pg-dump", "pg_dump");
        runs = Integer.parseInt(o.getOrDefault("runs", "5"));
        tables = Integer.parseInt(o.getOrDefault("tables", "1000"));
        if (!Files.isRegularFile(ferryJar)) {
            throw new IllegalArgumentException(ferryJar + " is missing: build it with ./mvnw -DskipTests -pl ferry-cli -am package");
        }
        if (!Files.isRegularFile(pgBinaries)) {
            throw new IllegalArgumentException(pgBinaries + " is missing: build it with ./mvnw -DskipTests -pl ferry-bench -am package");
        }
        if (tables < 100) {
            throw new IllegalArgumentException("--tables must be at least 100 to spread 50 changes over different tables");
        }
        work = o.containsKey("work") ? Files.createDirectories(Path.of(o.get("work"))) : Files.createTempDirectory("ferry-bench-diff-");
    }

    public static void main(String[] args) {
        Harness.main(args, "DiffVsPgDump [--runs=5] [--tables=1000] [--ferry-jar=PATH] [--pg-binaries=JAR] [--pg-dump=PATH] [--work=DIR]", DiffVsPgDump::new);
    }

    @Override
    protected Path work() {
        return work;
    }

    @Override
    protected int run() throws Exception {
        String loadBefore = loadAverage();
        String dumpVersion = firstLine(measure("pg_dump-version", List.of(pgDump, "--version"), Set.of(0)).output);
        boolean restrictKey = measure("pg_dump-help", List.of(pgDump, "--help"), Set.of(0)).output.contains("--restrict-key");
        startServer();
        String serverVersion = query("postgres", "show server_version");
        System.err.printf(Locale.ROOT, "  PostgreSQL %s on port %d; creating %,d tables in a ...%n", serverVersion, pg.getPort(), tables);
        execute("postgres", "create database a");
        execute("a", schemaA());
        execute("postgres", "create database b template a");
        List<String> changed = mutateB();
        execute("a", "vacuum analyze");
        execute("b", "vacuum analyze");
        execute("postgres", "checkpoint");
        String shape = describe("a");
        System.err.println("  a: " + shape + "; b: a with " + changed.size() + " changes");

        List<String> diffAB = List.of(java.toString(), "-jar", ferryJar.toString(), "diff", "--from", ferryUrl("a"), "--to", ferryUrl("b"));
        List<String> diffAA = List.of(java.toString(), "-jar", ferryJar.toString(), "diff", "--from", ferryUrl("a"), "--to", ferryUrl("a"));
        List<String> dump = new ArrayList<>(List.of(pgDump, "--schema-only"));
        if (restrictKey) {
            dump.add("--restrict-key=fixed");
        }
        dump.addAll(List.of("-h", "127.0.0.1", "-p", Integer.toString(pg.getPort()), "-U", "postgres", "a"));

        // ferry diff a b may exit 0 or 1 with differences (the output is what is checked); a against a must exit 0.
        // One untimed run of each, kept whole, to check what they print (and to warm the page cache).
        Run warmup = measure("warmup-ferry-diff-a-b", diffAB, Set.of(0, 1));
        int differences = checkDiff(warmup, changed);
        checkSame(measure("warmup-ferry-diff-a-a", diffAA, Set.of(0)));
        checkDump(measure("warmup-pg_dump", dump, Set.of(0)));
        measure("warmup-ferry-version", List.of(java.toString(), "-jar", ferryJar.toString(), "--version"), Set.of(0));

        List<Run> ferry = new ArrayList<>();
        List<Run> pgd = new ArrayList<>();
        List<Run> same = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            boolean ferryFirst = i % 2 == 1;
            for (int turn = 0; turn < 2; turn++) {
                if ((turn == 0) == ferryFirst) {
                    Run r = measure("ferry-diff-a-b", diffAB, Set.of(0, 1));
                    checkDiff(r, changed);
                    ferry.add(r);
                } else {
                    Run r = measureDiscarding("pg_dump", dump);
                    pgd.add(r);
                }
            }
            Run r = measure("ferry-diff-a-a", diffAA, Set.of(0));
            checkSame(r);
            same.add(r);
            System.err.printf(Locale.ROOT, "  round %d/%d: ferry diff a b %s, pg_dump a %s, ferry diff a a %s%n", i, runs,
                    seconds(ferry.get(i - 1).ms), seconds(pgd.get(i - 1).ms), seconds(same.get(i - 1).ms));
        }
        List<Run> jvm = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            jvm.add(measure("ferry-version", List.of(java.toString(), "-jar", ferryJar.toString(), "--version"), Set.of(0)));
        }

        long ferryMedian = median(ferry);
        long dumpMedian = median(pgd);
        double ratio = (double) ferryMedian / dumpMedian;
        boolean met = ratio < TARGET_RATIO;
        System.out.printf(Locale.ROOT, "%nFerry %s against %s, PostgreSQL %s (embedded), %d cores, Java %s%n", ferryVersion(), dumpVersion, serverVersion,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.println("schema a: " + shape + "; b: a with " + changed.size() + " changes, ferry reports " + differences + " differences (exit code "
                + warmup.exit + ")");
        System.out.println("wall time of one fresh process each, JVM start included, " + runs + " runs, median (min-max)");
        System.out.println("load average before: " + loadBefore + ", after: " + loadAverage() + " (other work on the machine shows here)");
        System.out.println();
        System.out.println("| command | runs | median | min | max | / pg_dump |");
        System.out.println("|---|---|---|---|---|---|");
        row("`ferry diff --from a --to b`", ferry, dumpMedian);
        row("`pg_dump --schema-only a`", pgd, dumpMedian);
        row("`ferry diff --from a --to a` (no differences)", same, dumpMedian);
        row("`ferry --version` (JVM start, for scale)", jvm, dumpMedian);
        System.out.println();
        System.out.printf(Locale.ROOT, "ferry diff / pg_dump: %.2f (median %s against %s)%n", ratio, seconds(ferryMedian), seconds(dumpMedian));
        System.out.printf(Locale.ROOT, "target: ferry diff under %.0fx pg_dump's median ... %s%n", TARGET_RATIO, met ? "met" : "NOT MET");
        return met ? 0 : 1;
    }

    /**
     * Database a: tables t_1 … t_N. Each has id, name, code varchar(n), qty with a default, created
     * with now(), active boolean not null default false, then price numeric(10,2) or (every third)
     * note varchar(200), and for four in five a parent_id with a foreign key to an earlier table.
     * An index on name everywhere, one on (code, qty) on even tables, a unique code on every fifth.
     */
    private String schemaA() {
        StringBuilder sql = new StringBuilder(tables * 400);
        for (int i = 1; i <= tables; i++) {
            String t = "t_" + i;
            sql.append("create table ").append(t).append(" (\n  id bigint primary key,\n  name text,\n  code varchar(").append(16 * (1 + i % 4)).append("),\n")
                    .append("  qty integer default ").append(i % 10).append(",\n  created timestamptz default now(),\n")
                    .append("  active boolean not null default false,\n")
                    .append(i % 3 == 0 ? "  note varchar(200)" : "  price numeric(10,2)");
            if (hasParent(i)) {
                sql.append(",\n  parent_id bigint constraint ").append(t).append("_parent_fk references t_").append(parentOf(i)).append(" (id)");
            }
            if (i % 5 == 0) {
                sql.append(",\n  constraint ").append(t).append("_code_key unique (code)");
            }
            sql.append(");\ncreate index ").append(t).append("_name on ").append(t).append(" (name);\n");
            if (i % 2 == 0) {
                sql.append("create index ").append(t).append("_code_qty on ").append(t).append(" (code, qty);\n");
            }
        }
        return sql.toString();
    }

    private static boolean hasParent(int i) {
        return i > 1 && i % 5 != 1;
    }

    private static int parentOf(int i) {
        return 1 + (int) ((i * 7919L) % (i - 1));
    }

    /** 50 changes in b, each on a table of its own, spread over the whole range; returns the objects ferry diff should name. */
    private List<String> mutateB() throws SQLException, IOException {
        Picker pick = new Picker(tables);
        List<String> changed = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        // each kind: how many, which tables it fits, its SQL, and the object ferry diff should name (public.…)
        record Kind(int count, IntPredicate applies, String sql, String object) {
        }
        List<Kind> kinds = List.of(
                new Kind(6, i -> i % 3 != 0, "alter table t_%d drop column price", "t_%d.price"),
                new Kind(5, i -> i % 2 == 0, "drop index t_%d_code_qty", "t_%d_code_qty"),
                new Kind(5, i -> true, "alter table t_%d alter column qty set default 42", "t_%d.qty"),
                new Kind(5, DiffVsPgDump::hasParent, "alter table t_%d drop constraint t_%1$d_parent_fk", "t_%d.t_%1$d_parent_fk"),
                new Kind(4, i -> true, "alter table t_%d alter column code type varchar(100)", "t_%d.code"),
                new Kind(3, i -> true, "alter table t_%d alter column code type varchar(8)", "t_%d.code"),
                new Kind(5, i -> true, "alter table t_%d alter column active drop not null", "t_%d.active"),
                new Kind(5, i -> true, "create index t_%d_created on t_%1$d (created)", "t_%d_created"),
                new Kind(5, i -> i % 5 == 0, "alter table t_%d drop constraint t_%1$d_code_key", "t_%d.t_%1$d_code_key"),
                new Kind(4, i -> true, "alter table t_%d add column extra jsonb", "t_%d.extra"));
        Set<Integer> touched = new HashSet<>();
        for (Kind k : kinds) {
            for (int n = 0; n < k.count; n++) {
                int i = pick.next(k.applies);
                touched.add(i);
                sql.append(String.format(Locale.ROOT, k.sql, i)).append(";\n");
                changed.add("public." + String.format(Locale.ROOT, k.object, i));
            }
        }
        for (int n = 1; n <= 3; n++) {
            sql.append("create table stray_").append(n).append(" (id bigint primary key, label text, t_ref bigint);\n");
            changed.add("public.stray_" + n);
        }
        if (changed.size() != 50 || touched.size() != 47) {
            throw new IllegalStateException("expected 50 changes on 50 tables, made " + changed.size() + " on " + (touched.size() + 3));
        }
        Files.writeString(work.resolve("b-changes.sql"), sql, StandardCharsets.UTF_8);
        execute("b", sql.toString());
        return changed;
    }

    /** Walks the tables in steps of 97 (prime to any N that is not a multiple of it), each once. */
    private static final class Picker {
        private final int n;
        private final Set<Integer> used = new HashSet<>();
        private int at = 0;

        Picker(int n) {
            this.n = n;
        }

        int next(IntPredicate applies) {
            for (int tries = 0; tries < 4 * n; tries++) {
                at = (at + 97) % n;
                int i = at + 1;
                if (!used.contains(i) && applies.test(i)) {
                    used.add(i);
                    return i;
                }
            }
            throw new IllegalStateException("no table left for a change");
        }
    }

    private static final Pattern DIFFERENCES = Pattern.compile("(?m)^(\\d+) differences?: ");

    /** ferry diff a b: at least one difference per change, and every changed object named. */
    private int checkDiff(Run r, List<String> changed) {
        Matcher m = DIFFERENCES.matcher(r.output);
        if (!m.find()) {
            throw new RunFailed("ferry diff a b printed no count of differences; see " + r.log);
        }
        int n = Integer.parseInt(m.group(1));
        List<String> missing = changed.stream().filter(o -> !Pattern.compile(Pattern.quote(o) + "(\\s|$)", Pattern.MULTILINE).matcher(r.output).find()).toList();
        if (n < changed.size() || !missing.isEmpty()) {
            throw new RunFailed("ferry diff a b reported " + n + " differences for " + changed.size() + " changes" + (missing.isEmpty() ? "" : "; objects not named: " + missing)
                    + "; see " + r.log);
        }
        return n;
    }

    private static void checkSame(Run r) {
        if (!r.output.contains("No differences")) {
            throw new RunFailed("ferry diff a a did not report no differences; see " + r.log);
        }
    }

    private void checkDump(Run r) {
        long creates = r.output.lines().filter(l -> l.startsWith("CREATE TABLE public.t_")).count();
        if (creates != tables) {
            throw new RunFailed("pg_dump printed " + creates + " CREATE TABLE statements for " + tables + " tables; see " + r.log);
        }
    }

    /** Runs one child process with its output in a log file; wall time from before start to after exit. */
    private Run measure(String name, List<String> command, Set<Integer> exits) throws IOException, InterruptedException {
        Path log = work.resolve(String.format(Locale.ROOT, "%02d-%s.log", ++logs, name));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PGCONNECT_TIMEOUT", "10");
        long start = System.nanoTime();
        Process p = pb.start();
        int exit = p.waitFor();
        long ms = (System.nanoTime() - start) / 1_000_000;
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (!exits.contains(exit)) {
            throw new RunFailed(name + " exited with " + exit + "; its output (" + log + "):\n" + tail(output));
        }
        return new Run(ms, output, log, exit);
    }

    /** As the benchmark's command has it, {@code pg_dump … > /dev/null}: standard output thrown away, errors kept. */
    private Run measureDiscarding(String name, List<String> command) throws IOException, InterruptedException {
        Path log = work.resolve(String.format(Locale.ROOT, "%02d-%s.log", ++logs, name));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(log.toFile());
        long start = System.nanoTime();
        Process p = pb.start();
        int exit = p.waitFor();
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (exit != 0) {
            throw new RunFailed(name + " exited with " + exit + "; its errors (" + log + "):\n" + tail(Files.readString(log, StandardCharsets.UTF_8)));
        }
        return new Run(ms, "", log, exit);
    }

    private String describe(String db) throws SQLException {
        String counts = query(db, """
                select format('%s tables, %s columns, %s secondary indexes, %s foreign keys, %s unique constraints',
                  (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'),
                  (select count(*) from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped),
                  (select count(*) from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'public' and not i.indisprimary and not i.indisunique),
                  (select count(*) from pg_constraint k join pg_namespace n on n.oid = k.connamespace where n.nspname = 'public' and k.contype = 'f'),
                  (select count(*) from pg_constraint k join pg_namespace n on n.oid = k.connamespace where n.nspname = 'public' and k.contype = 'u'))""");
        return counts;
    }

    private void startServer() throws IOException {
        Path log = work.resolve("postgres.log");
        ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
        // zonky's defaults: trust authentication, fsync off (-F), synchronous_commit=off, max_connections=300.
        // The binaries are the PostgreSQL 15 jar the build copied, not the 17 on the class path.
        pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg")).setCleanDataDirectory(true)
                .setPgBinaryResolver((system, machine) -> txz(pgBinaries))
                .setOutputRedirector(toLog).setErrorRedirector(toLog).start();
    }

    /** The .txz archive inside a zonky binaries jar (as ferry-testkit's OtherPostgres reads it). */
    private static InputStream txz(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.stream().filter(e -> e.getName().endsWith(".txz")).findFirst()
                    .orElseThrow(() -> new IOException(jar + " holds no PostgreSQL .txz archive"));
            try (InputStream in = file.getInputStream(entry)) {
                return new ByteArrayInputStream(in.readAllBytes());
            }
        }
    }

    private String ferryUrl(String db) {
        return "postgres://postgres@127.0.0.1:" + pg.getPort() + "/" + db;
    }

    private String ferryVersion() throws IOException, InterruptedException {
        return firstLine(measure("ferry-version", List.of(java.toString(), "-jar", ferryJar.toString(), "--version"), Set.of(0)).output)
                .replaceFirst("^(?i)ferry ", "");
    }

    private static void row(String label, List<Run> runs, long reference) {
        long median = median(runs);
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %.2f |%n", label, runs.size(), seconds(median),
                seconds(runs.stream().mapToLong(Run::ms).min().orElseThrow()), seconds(runs.stream().mapToLong(Run::ms).max().orElseThrow()),
                (double) median / reference);
    }

    private static long median(List<Run> runs) {
        return medianOf(runs.stream().map(Run::ms).toList());
    }

    private record Run(long ms, String output, Path log, int exit) {
    }

}
