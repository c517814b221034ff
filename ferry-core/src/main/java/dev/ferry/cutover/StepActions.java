package dev.ferry.cutover;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a step does. The plan runner knows order, journal, resumption and rollback; what a backup or a
 * copy does lives in its own capability, reached through this (the CLI runs its own commands for the
 * database steps, {@link BasicSteps} does shell, http and the downtime markers).
 */
public interface StepActions {

    /**
     * Runs {@code step} with {@code options} (its references to earlier steps' outputs filled in).
     * Throws {@link dev.ferry.error.FerryException} when the step failed.
     */
    StepResult run(Step step, Map<String, Object> options, StepContext context);

    /**
     * Work that {@code steps} (those still to run, in order) can do before the first of them starts,
     * outside any downtime, changing no database: heal-drift builds what the migrations make on a
     * shadow. A preparation that fails says so and leaves the work to the step.
     */
    default void prepare(List<Step> steps, Consumer<String> say) {
    }

    /** What a step gave: outputs later steps can use, and one line that says what it did. */
    record StepResult(Map<String, Object> outputs, String summary) {
        public StepResult {
            outputs = Map.copyOf(outputs);
        }

        public static StepResult of(String summary) {
            return new StepResult(Map.of(), summary);
        }
    }

    /** Where a running step reports, and whether it runs again after an interruption (a copy then resumes). */
    interface StepContext {
        void log(String line);

        boolean again();
    }
}
