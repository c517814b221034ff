package dev.ferry.cli;

import dev.ferry.testkit.RenamedRunbook;
import dev.ferry.testkit.RenamedRunbook.ToolTables;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A `repair --history rails` (and its undo) killed at its most dangerous moments and at random
 * ones: the table is never half rewritten, and the next run says where things stand and finishes
 * the job, nothing done twice.
 */
class KilledToolRepairIT {
    private static final int KILLED = 137;

    @TempDir
    Path dir;
    private String db;
    private Set<String> deployed;
    private Set<String> repaired;

    @BeforeEach
    void railsApp() throws Exception {
        db = TestPostgres.createDatabase("killedrepair");
        try (Connection c = TestPostgres.connect(db)) {
            RenamedRunbook.railsApp(dir, c, ToolTables.POSTGRES);
        }
        deployed = ToolHistoryCommandIT.versions(db);
        repaired = ToolHistoryCommandIT.fileVersions(dir.resolve("db/migrate"), "20250901000001");
    }

    private CliRun ferry(String fault, String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--history", "rails", "--url", TestPostgres.url(db))).toArray(String[]::new);
        return CliRun.process(dir, fault == null ? Map.of() : Map.of("FERRY_FAULT", fault), all);
    }

    @Test
    void killedBeforeTheCommitTheTableIsAsItWasAndTheNextRunFinishes() throws Exception {
        assertThat(ferry("history.repair.before-commit", "repair").exit()).isEqualTo(KILLED);
        assertThat(ToolHistoryCommandIT.versions(db)).isEqualTo(deployed);
        assertThat(savedRepairs()).as("the rows were saved before the rewrite began").isOne();

        CliRun undo = ferry(null, "repair", "--undo");
        assertThat(undo.exit()).as(undo.all()).isZero();
        assertThat(undo.out()).contains("7 rows already hold what they held before the repair", "did not commit", "Nothing to repair --history rails --undo");
        assertThat(ToolHistoryCommandIT.versions(db)).isEqualTo(deployed);

        assertThat(ferry(null, "status").out()).contains("renamed (was 20250121000001)");
        CliRun repair = ferry(null, "repair");
        assertThat(repair.exit()).as(repair.all()).isZero();
        assertThat(ToolHistoryCommandIT.versions(db)).isEqualTo(repaired);
    }

    @Test
    void killedAfterSavingTheRowsNothingChangedAndTheNextRunRepairs() throws Exception {
        assertThat(ferry("history.repair.after-backup", "repair").exit()).isEqualTo(KILLED);
        assertThat(ToolHistoryCommandIT.versions(db)).isEqualTo(deployed);
        assertThat(ferry(null, "repair").exit()).isZero();
        assertThat(ToolHistoryCommandIT.versions(db)).isEqualTo(repaired);
        assertThat(ferry(null, "repair").out()).as("nothing is done twice").contains("Nothing to repair --history rails");
    }

    @Test
    void anUndoKilledBeforeItsCommitLeavesTheRepairAndTheNextUndoFinishes() throws Exception {
        assertThat(ferry(null, "repair").exit()).isZero();
        assertThat(ferry("history.undo.before-commit", "repair", "--undo").exit()).isEqualTo(KILLED);
        assertThat(ToolHistoryCommandIT.versions(db)).isEqualTo(repaired);
        CliRun undo = ferry(null, "repair", "--undo");
        assertThat(undo.exit()).as(undo.all()).isZero();
        assertThat(ToolHistoryCommandIT.versions(db)).isEqualTo(deployed);
    }

    @Test
    void killMinus9AtRandomMomentsNeverLeavesAHalfRewrittenTable() throws Exception {
        Random random = new Random(Long.getLong("ferry.kill.seed", System.nanoTime()));
        for (int i = 0; i < 4; i++) {
            Process p = new ProcessBuilder("setsid", java(), "-jar", jar(), "repair", "--history", "rails", "--url", TestPostgres.url(db))
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("killed-" + i + ".log").toFile()).start();
            Thread.sleep(300 + random.nextInt(2500));
            new ProcessBuilder("kill", "-9", "--", "-" + p.pid()).inheritIO().start().waitFor();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            Set<String> now = ToolHistoryCommandIT.versions(db);
            assertThat(now).as("after kill %d: all old or all new", i).isIn(deployed, repaired);
            if (now.equals(repaired)) {
                assertThat(ferry(null, "repair", "--undo").exit()).isZero();
                assertThat(ToolHistoryCommandIT.versions(db)).isEqualTo(deployed);
            }
        }
        assertThat(ferry(null, "repair").exit()).isZero();
        assertThat(ToolHistoryCommandIT.versions(db)).isEqualTo(repaired);
    }

    private long savedRepairs() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("backups"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("history-rails-")).count();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        return new File(System.getProperty("user.dir"), "target/ferry.jar").getAbsolutePath();
    }
}
