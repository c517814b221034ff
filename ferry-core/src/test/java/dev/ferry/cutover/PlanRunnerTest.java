package dev.ferry.cutover;

import dev.ferry.error.FerryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The runner's order, journal, resumption and rollback, with real shell steps. */
class PlanRunnerTest {
    @TempDir
    Path dir;
    private final List<String> said = new ArrayList<>();
    /** A plan whose second step fails until a file named flag is there, before its downtime begins. */
    private static final String FAILS_UNTIL_FLAGGED = """
            steps:
              - { id: once, shell: "echo once >> order" }
              - { id: needs_flag, shell: "test -f flag && echo flagged >> order" }
              - { downtime: begin }
              - { id: last, shell: "echo last >> order" }
            """;

    private Plan plan(String steps) throws Exception {
        Path file = Files.writeString(dir.resolve("PLAN.yaml"), "source: { env: old }\ntarget: { env: new }\n" + steps);
        return PlanFile.load(Path.of("PLAN.yaml"), file);
    }

    private RunResult run(Plan plan, boolean resume) {
        BasicSteps basic = new BasicSteps(dir);
        return new PlanRunner(plan, basic::run, dir.resolve(".ferry/runs"), said::add, line -> line).run(resume);
    }

    private String file(String name) throws Exception {
        Path f = dir.resolve(name);
        return Files.exists(f) ? Files.readString(f) : "";
    }

    @Test
    void runsEveryStepInOrderAndMeasuresTheDowntime() throws Exception {
        RunResult r = run(plan("""
                steps:
                  - { id: stop, shell: "echo stop >> order" }
                  - { downtime: begin }
                  - { id: work, shell: "sleep 0.3; echo work >> order" }
                  - { id: check, shell: "test ${steps.work.exitCode} = 0 && echo check >> order" }
                  - { downtime: end }
                """), false);

        assertThat(r.state()).isEqualTo("completed");
        assertThat(file("order")).isEqualTo("stop\nwork\ncheck\n");
        assertThat(r.steps()).extracting(RunResult.StepRecord::state).containsOnly("completed");
        assertThat(r.downtimeMs()).isBetween(300L, 10_000L);
        assertThat(Files.readAllLines(Path.of(r.journal()))).hasSize(12); // run, 5 × (started, ended), finished
    }

    @Test
    void aFailureAfterThePointOfNoReturnRunsTheRollback() throws Exception {
        RunResult r = run(plan("""
                steps:
                  - { id: before, shell: "echo before >> order" }
                  - { downtime: begin }
                  - { id: breaks, shell: "echo breaks >> order; exit 3" }
                  - { id: never, shell: "echo never >> order" }
                rollback:
                  - { id: undo, shell: "echo undo >> order" }
                  - { id: undo_fails, shell: "exit 1" }
                  - { id: undo_more, shell: "echo undo_more >> order" }
                """), false);

        assertThat(r.state()).as("a rollback step failed too").isEqualTo("rollback-incomplete");
        assertThat(file("order")).isEqualTo("before\nbreaks\nundo\nundo_more\n");
        assertThat(r.failure()).contains("step breaks failed", "exited with 3, expected 0");
        assertThat(r.rollback()).extracting(RunResult.StepRecord::state).containsExactly("completed", "failed", "completed");
        assertThat(r.steps()).extracting(RunResult.StepRecord::state).containsExactly("completed", "completed", "failed", "pending");
        FerryException again = catchThrowableOfType(FerryException.class, () -> run(plan(Files.readString(dir.resolve("PLAN.yaml"))
                .replaceFirst("(?s)^.*?steps:", "steps:")), true));
        assertThat(again.getMessage()).contains("finished rollback-incomplete", "nothing to resume");
    }

    @Test
    void aFailureBeforeThePointOfNoReturnStopsAndResumeGoesOnFromThatStep() throws Exception {
        Plan plan = plan(FAILS_UNTIL_FLAGGED + """
                rollback:
                  - { shell: "echo undo >> order" }
                """);
        RunResult failed = run(plan, false);
        assertThat(failed.state()).isEqualTo("failed");
        assertThat(file("order")).isEqualTo("once\n");

        Files.writeString(dir.resolve("flag"), "");
        RunResult resumed = run(plan, true);
        assertThat(resumed.id()).isEqualTo(failed.id());
        assertThat(resumed.state()).isEqualTo("completed");
        assertThat(file("order")).as("once ran once, no rollback").isEqualTo("once\nflagged\nlast\n");
        assertThat(resumed.steps().get(1).runs()).isEqualTo(2);
        assertThat(said).anyMatch(line -> line.contains("[once] done in an earlier run"));
        RunResult again = run(plan, true);
        assertThat(again.state()).as("a completed run, resumed: it says so, runs nothing").isEqualTo("completed");
        assertThat(file("order")).isEqualTo("once\nflagged\nlast\n");
        assertThat(said).anyMatch(line -> line.contains("had completed: nothing to resume"));
    }

    @Test
    void stepsArePreparedBeforeTheFirstOfThemRunsAndAResumedRunPreparesOnlyThoseStillToRun() throws Exception {
        Plan plan = plan(FAILS_UNTIL_FLAGGED);
        List<String> prepared = new ArrayList<>();
        BasicSteps basic = new BasicSteps(dir);
        StepActions actions = new StepActions() {
            @Override
            public StepResult run(Step step, java.util.Map<String, Object> options, StepContext context) {
                return basic.run(step, options, context);
            }

            @Override
            public void prepare(List<Step> steps, java.util.function.Consumer<String> say) {
                try {
                    prepared.add(file("order") + "|" + String.join(",", steps.stream().map(Step::id).toList()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        assertThat(new PlanRunner(plan, actions, dir.resolve(".ferry/runs"), said::add, line -> line).run(false).state()).isEqualTo("failed");
        Files.writeString(dir.resolve("flag"), "");
        assertThat(new PlanRunner(plan, actions, dir.resolve(".ferry/runs"), said::add, line -> line).run(true).state()).isEqualTo("completed");
        assertThat(prepared).as("before any step ran; then, resumed, the steps not yet done").containsExactly(
                "|once,needs_flag,step3,last", "once\n|needs_flag,step3,last");
    }

    @Test
    void aRollbackResumedAfterAKillStillHasTheOutputsOfTheStepsBeforeIt() throws Exception {
        Plan plan = plan("""
                steps:
                  - { id: first, shell: "echo first >> order" }
                  - { downtime: begin }
                  - { id: breaks, shell: "exit 3" }
                rollback:
                  - { id: undo, shell: "echo undo ${steps.first.exitCode} >> order" }
                """);
        RunResult failed = run(plan, false);
        assertThat(failed.state()).isEqualTo("rolled-back");
        // as if the process had been killed inside the rollback: its last two lines (undo ended, finished) never written
        Path journal = Path.of(failed.journal());
        List<String> lines = Files.readAllLines(journal);
        Files.write(journal, lines.subList(0, lines.size() - 2));
        Files.writeString(dir.resolve("order"), "first\n");

        RunResult resumed = run(plan, true);

        assertThat(resumed.state()).isEqualTo("rolled-back");
        assertThat(file("order")).isEqualTo("first\nundo 0\n");
    }

    @Test
    void resumingRefusesAPlanEditedSinceTheRunStarted() throws Exception {
        run(plan("steps:\n  - { id: a, shell: \"exit 1\" }\n"), false);
        FerryException e = catchThrowableOfType(FerryException.class, () -> run(plan("steps:\n  - { id: a, shell: \"exit 0\" }\n"), true));
        assertThat(e.getMessage()).contains("PLAN.yaml was changed after run", "started");
        FerryException none = catchThrowableOfType(FerryException.class, () -> new PlanRunner(plan("steps:\n  - { shell: ls }\n"), new BasicSteps(dir)::run,
                dir.resolve("elsewhere"), said::add, line -> line).run(true));
        assertThat(none.getMessage()).contains("there is no run of PLAN.yaml to resume");
    }
}
