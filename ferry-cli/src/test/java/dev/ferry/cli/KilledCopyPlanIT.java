package dev.ferry.cli;

import dev.ferry.fault.FaultPoints;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, must-show 3, inside the copy step: a plan whose copy is killed at the copy's own fault
 * points and at random moments with kill -9, then {@code ferry run --resume}d, completes, and the
 * target equals that of a run never interrupted, table for table (rows and checksums).
 */
class KilledCopyPlanIT {
    private static final List<String> FAULTS = List.of("copy.after-schema", "stream.after-table-loaded", "stream.after-table-loaded:5",
            "copy.before-post-data", "copy.after-post-data", "copy.after-finish");
    private static String source;
    private static Map<String, String> uninterrupted;

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    @BeforeAll
    static void sourceAndAnUninterruptedRun() throws Exception {
        source = TestPostgres.createChinookDatabase("plancopysrc");
        TestPostgres.execute(source, "CREATE TABLE big (id bigint PRIMARY KEY, v text); INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, 1000000) g; ANALYZE");
        Path whole = Files.createDirectories(shared.resolve("whole"));
        String target = plan(whole);
        CliRun run = CliRun.process(whole, Map.of(), "run", "PLAN.yaml");
        assertThat(run.exit()).as(run.all()).isZero();
        uninterrupted = KilledCopyIT.checksums(target, shared.resolve("uninterrupted"));
        assertThat(uninterrupted).containsKeys("public.big", "public.invoice_line").hasSize(12);
    }

    /** A new target and a plan that copies the source into it, in {@code dir}; returns the target's name. */
    private static String plan(Path dir) throws Exception {
        String target = TestPostgres.createDatabase("plancopytgt");
        Files.writeString(dir.resolve("checks.yaml"), "checks:\n  - rowCount: { table: big, equals: 1000000 }\n");
        Files.writeString(dir.resolve("PLAN.yaml"), "source: { url: \"" + TestPostgres.url(source) + "\" }\ntarget: { url: \"" + TestPostgres.url(target) + "\" }\n"
                + """
                steps:
                  - { downtime: begin }
                  - { id: copy, copy: { from: source, to: target } }
                  - { id: validate, validate: checks.yaml }
                  - { downtime: end }
                """);
        return target;
    }

    @Test
    void killedInsideTheCopyAtItsFaultPointsThenResumedEqualsAnUninterruptedRun() throws Exception {
        for (String fault : FAULTS) {
            Path work = Files.createDirectories(dir.resolve(fault.replace(':', '_')));
            String target = plan(work);
            CliRun killed = CliRun.process(work, Map.of("FERRY_FAULT", fault), "run", "PLAN.yaml");
            assertThat(killed.exit()).as(fault + ": " + killed.all()).isEqualTo(FaultPoints.KILLED);

            CliRun resumed = CliRun.process(work, Map.of(), "run", "PLAN.yaml", "--resume");
            assertThat(resumed.exit()).as(fault + ", resumed: " + resumed.all()).isZero();
            assertThat(resumed.all()).as(fault).contains("[copy] copy (again: it did not finish before)", "Completed");
            assertThat(KilledCopyIT.checksums(target, work.resolve("after"))).as("after a kill at " + fault).isEqualTo(uninterrupted);
        }
    }

    @Test
    void killMinus9AtRandomMomentsOfTheRunThenResumeEqualsAnUninterruptedRun() throws Exception {
        Random random = new Random(Long.getLong("ferry.kill.seed", System.nanoTime()));
        for (int i = 0; i < 3; i++) {
            Path work = Files.createDirectories(dir.resolve("random-" + i));
            String target = plan(work);
            Process p = new ProcessBuilder("setsid", java(), "-jar", jar(), "run", "PLAN.yaml").directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("killed.log").toFile()).start();
            Thread.sleep(500 + random.nextInt(3000));
            new ProcessBuilder("kill", "-9", "--", "-" + p.pid()).inheritIO().start().waitFor();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            CliRun resumed = p.exitValue() == 0 ? null : CliRun.process(work, Map.of(), "run", "PLAN.yaml", "--resume");
            if (resumed != null && !journalBegun(work)) { // killed before the run's first journal line: no step began
                assertThat(resumed.exit()).as("random kill " + i + " before the journal: " + resumed.all()).isEqualTo(2);
                assertThat(resumed.err()).contains("there is no run of PLAN.yaml to resume", "ferry run PLAN.yaml starts one");
                resumed = CliRun.process(work, Map.of(), "run", "PLAN.yaml");
            }
            if (resumed != null) { // a kill after the run's last journal line: --resume says it had completed
                assertThat(resumed.exit()).as("random kill " + i + ", resumed: " + resumed.all() + Files.readString(work.resolve("killed.log"))).isZero();
                assertThat(resumed.all()).contains("Completed");
            }
            assertThat(KilledCopyIT.checksums(target, work.resolve("after"))).as("after random kill " + i).isEqualTo(uninterrupted);
        }
    }

    private static boolean journalBegun(Path work) throws IOException {
        Path runs = work.resolve(".ferry/runs");
        if (!Files.isDirectory(runs)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(runs)) {
            for (Path journal : files.filter(f -> f.getFileName().toString().equals("journal.jsonl")).toList()) {
                if (Files.readString(journal).contains("\"event\":\"run\"")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        return Path.of(System.getProperty("user.dir"), "target", "ferry.jar").toString();
    }
}
