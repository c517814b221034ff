package dev.ferry.cutover;

import java.util.Map;

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
