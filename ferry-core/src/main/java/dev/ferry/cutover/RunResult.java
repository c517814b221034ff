package dev.ferry.cutover;

import java.util.List;
import java.util.Map;

/**
 * What {@code ferry run} did, over all its resumptions: every step with its state and times, the
 * rollback's steps, the measured downtime, and how it ended.
 *
 * @param state      completed, failed (before the point of no return: nothing to undo), rolled-back, or
 *                   rollback-incomplete (a rollback step failed too: the failure says which)
 * @param downtimeMs from {@code downtime: begin} to {@code downtime: end}, or to the end of the run when it never ended; null without markers
 * @param failure    why it did not complete, null when it did
 */
public record RunResult(String id, String plan, String state, List<StepRecord> steps, List<StepRecord> rollback, Long downtimeMs, String failure,
                        long elapsedMs, String journal, String log) {

    /**
     * One step: pending (not reached), completed, failed, or interrupted (started, never ended: a killed run).
     *
     * @param runs how many times it started (more than one after a resumption)
     */
    public record StepRecord(String id, String kind, String state, String startedAt, String endedAt, Long ms, Map<String, Object> outputs,
                             String summary, String error, int runs) {
    }

    public boolean completed() {
        return state.equals("completed");
    }
}
