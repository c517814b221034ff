package dev.ferry.cutover;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.fault.FaultPoints;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a plan's steps in order, each between two journal lines; when a step at or after the point of
 * no return fails, runs the rollback steps and says what was undone and what could not be. With
 * resume, goes on with the latest unfinished run of the plan: completed steps are passed by (their
 * outputs kept), the step that was interrupted or failed runs again.
 *
 * <pre>{@code
 * RunResult r = new PlanRunner(plan, actions, workspace.resolve(".ferry/runs"), console::report, mask::apply).run(false);
 * }</pre>
 */
public final class PlanRunner {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{steps\\.([a-z][a-z0-9_]*)\\.([A-Za-z]+)}");
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    static final String STEPS = "steps";
    static final String ROLLBACK = "rollback";

    private final Plan plan;
    private final StepActions actions;
    private final Path runs;
    private final Consumer<String> say;
    private final UnaryOperator<String> redact;
    private final Map<String, Map<String, Object>> outputs = new HashMap<>();

    /**
     * @param say    where progress goes (the terminal)
     * @param redact the run's secret mask: the journal and the log on disk hold no secret either
     */
    public PlanRunner(Plan plan, StepActions actions, Path runs, Consumer<String> say, UnaryOperator<String> redact) {
        this.plan = plan;
        this.actions = actions;
        this.runs = runs;
        this.say = say;
        this.redact = redact;
    }

    /** Runs the plan (or, with {@code resume}, its latest unfinished run) and returns what happened; the result's state says whether it completed. */
    public RunResult run(boolean resume) {
        long started = System.nanoTime();
        Journal journal = resume ? resumable() : Journal.start(runs, runId(Instant.now()), plan);
        if (journal.finished().filter(state -> state.equals("completed")).isPresent()) {
            // killed after its last journal line: it did complete, and says so again
            say.accept("run " + journal.id() + " of " + plan.file() + " had completed: nothing to resume");
            return RunReport.result(plan, journal, (System.nanoTime() - started) / 1_000_000);
        }
        say.accept((resume ? "resuming run " : "run ") + journal.id() + " of " + plan.file() + " (journal " + journal.dir().resolve(Journal.FILE) + ")");
        remember(journal);
        if (resume && journal.rollbackStarted()) {
            rollback(journal, "the interrupted rollback of run " + journal.id());
        } else {
            forward(journal);
        }
        return RunReport.result(plan, journal, (System.nanoTime() - started) / 1_000_000);
    }

    /** A run's id, its UTC time to the second: 20261129T200406Z (runs and rehearsals are named so). */
    public static String runId(Instant at) {
        return RUN_ID.format(at);
    }

    private Journal resumable() {
        Journal journal = Journal.latest(runs, plan).orElseThrow(() -> new FerryException(ErrorCode.USAGE, "there is no run of " + plan.file()
                + " to resume under " + runs, "ferry run " + plan.file() + " starts one"));
        if (journal.finished().filter(s -> !s.equals("failed") && !s.equals("completed")).isPresent()) {
            throw new FerryException(ErrorCode.USAGE, "run " + journal.id() + " of " + plan.file() + " finished " + journal.finished().get()
                    + ": there is nothing to resume", "ferry run " + plan.file() + " starts a new run");
        }
        if (!plan.checksum().equals(journal.checksum())) {
            throw new FerryException(ErrorCode.USAGE, plan.file() + " was changed after run " + journal.id() + " started: resuming would run steps"
                    + " the run did not plan", "put the plan back as it was to resume, or start a new run (ferry run " + plan.file() + ")");
        }
        return journal;
    }

    /** The outputs of the steps an earlier run of this journal completed, for the references of the steps (and rollback) still to run. */
    private void remember(Journal journal) {
        for (Step step : plan.steps()) {
            journal.last(STEPS, step.id()).filter(e -> e.event().equals("ended")).ifPresent(e -> outputs.put(step.id(), e.outputs()));
        }
    }

    private void forward(Journal journal) {
        List<Step> steps = plan.steps();
        actions.prepare(steps.stream().filter(s -> journal.last(STEPS, s.id()).filter(e -> e.event().equals("ended")).isEmpty()).toList(), say);
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            Journal.Entry last = journal.last(STEPS, step.id()).orElse(null);
            if (last != null && last.event().equals("ended")) {
                say.accept("  [" + step.id() + "] done in an earlier run (" + last.summary() + ")");
                continue;
            }
            boolean again = last != null;
            try {
                execute(journal, STEPS, step, again);
            } catch (RuntimeException failure) {
                String why = message(failure);
                journal.failed(STEPS, step, why);
                if (i >= plan.pointOfNoReturn()) {
                    journal.rollback("step " + step.id() + " failed: " + why);
                    rollback(journal, "step " + step.id());
                } else {
                    journal.finish("failed");
                    say.accept("step " + step.id() + " failed before the point of no return: nothing after it ran, nothing to roll back");
                }
                return;
            }
        }
        journal.finish("completed");
    }

    private void rollback(Journal journal, String because) {
        if (plan.rollback().isEmpty()) {
            say.accept("the plan has no rollback: steps; nothing was rolled back after " + because);
            journal.finish("rollback-incomplete");
            return;
        }
        say.accept("rolling back after " + because + "…");
        boolean all = true;
        for (Step step : plan.rollback()) {
            Journal.Entry last = journal.last(ROLLBACK, step.id()).orElse(null);
            if (last != null && last.event().equals("ended")) {
                continue;
            }
            try {
                execute(journal, ROLLBACK, step, last != null);
            } catch (RuntimeException failure) {
                journal.failed(ROLLBACK, step, message(failure));
                all = false; // the other rollback steps still run: undo as much as can be undone
            }
        }
        journal.finish(all ? "rolled-back" : "rollback-incomplete");
    }

    private void execute(Journal journal, String phase, Step step, boolean again) {
        Map<String, Object> options = resolve(step);
        // "[id] text", never "id: text": a line that starts like "secrets: …" reads as a secret to the mask
        say.accept((phase.equals(ROLLBACK) ? "  rollback [" : "  [") + step.id() + "] " + step.kind().key() + (again ? " (again: it did not finish before)" : "") + "…");
        journal.started(phase, step);
        FaultPoints.reach("run.step-started");
        StepActions.StepResult result = actions.run(step, options, new StepActions.StepContext() {
            @Override
            public void log(String line) {
                journal.log(redact.apply("[" + step.id() + "] " + line));
                say.accept("    " + line);
            }

            @Override
            public boolean again() {
                return again;
            }
        });
        FaultPoints.reach("run.step-before-end");
        journal.ended(phase, step, result);
        outputs.put(step.id(), result.outputs());
        say.accept("  [" + step.id() + "] " + result.summary());
        FaultPoints.reach("run.step-ended");
    }

    /** The step's options with every ${steps.ID.OUTPUT} replaced by that output (checked to exist when the plan was read). */
    private Map<String, Object> resolve(Step step) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        step.options().forEach((name, value) -> resolved.put(name, value instanceof String text ? fill(text, step) : value));
        return resolved;
    }

    private String fill(String text, Step step) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = outputs.getOrDefault(m.group(1), Map.of()).get(m.group(2));
            if (value == null) {
                throw new FerryException(ErrorCode.STEP_FAILED, "step " + step.id() + " needs ${steps." + m.group(1) + "." + m.group(2)
                        + "}, and step " + m.group(1) + " did not give it (it did not run, or failed)", null);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String message(RuntimeException failure) {
        if (failure instanceof FerryException ferry) {
            return redact.apply(ferry.getMessage() + ferry.hint().map(h -> " (hint: " + h + ")").orElse(""));
        }
        return redact.apply(failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
    }
}
