package dev.ferry.cutover;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The result of a run, read back from its journal: the journal, not this process's memory, is the record across resumptions. */
final class RunReport {
    private RunReport() {
    }

    static RunResult result(Plan plan, Journal journal, long elapsedMs) {
        List<RunResult.StepRecord> steps = records(plan.steps(), PlanRunner.STEPS, journal);
        List<RunResult.StepRecord> rollback = journal.rollbackStarted() ? records(plan.rollback(), PlanRunner.ROLLBACK, journal) : List.of();
        String state = journal.finished().orElse("interrupted");
        return new RunResult(journal.id(), plan.file().toString(), state, steps, rollback, downtime(plan, journal), failure(journal, state),
                elapsedMs, journal.dir().resolve(Journal.FILE).toString(), journal.logText());
    }

    private static List<RunResult.StepRecord> records(List<Step> steps, String phase, Journal journal) {
        List<RunResult.StepRecord> records = new ArrayList<>();
        for (Step step : steps) {
            Instant started = null;
            Instant ended = null;
            String state = "pending";
            String summary = null;
            String error = null;
            Map<String, Object> outputs = Map.of();
            int runs = 0;
            for (Journal.Entry e : journal.entries()) {
                if (!phase.equals(e.phase()) || !step.id().equals(e.step())) {
                    continue;
                }
                switch (e.event()) {
                    case "started" -> {
                        runs++;
                        started = started == null ? e.at() : started;
                        state = "interrupted";
                        ended = null;
                    }
                    case "ended" -> {
                        ended = e.at();
                        state = "completed";
                        summary = e.summary();
                        outputs = e.outputs();
                        error = null;
                    }
                    case "failed" -> {
                        ended = e.at();
                        state = "failed";
                        error = e.error();
                    }
                    default -> { }
                }
            }
            Long ms = started != null && ended != null ? Duration.between(started, ended).toMillis() : null;
            records.add(new RunResult.StepRecord(step.id(), step.kind().key(), state, started == null ? null : started.toString(),
                    ended == null ? null : ended.toString(), ms, outputs, summary, error, runs));
        }
        return records;
    }

    /** From the end of downtime: begin to the end of downtime: end (or of the run, when the downtime never ended). */
    private static Long downtime(Plan plan, Journal journal) {
        Instant begin = null;
        Instant end = null;
        for (Step step : plan.steps()) {
            if (step.marks("begin")) {
                begin = journal.last(PlanRunner.STEPS, step.id()).filter(e -> e.event().equals("ended")).map(Journal.Entry::at).orElse(null);
            } else if (step.marks("end")) {
                end = journal.last(PlanRunner.STEPS, step.id()).filter(e -> e.event().equals("ended")).map(Journal.Entry::at).orElse(null);
            }
        }
        if (begin == null) {
            return null;
        }
        List<Journal.Entry> entries = journal.entries();
        Instant last = end != null ? end : entries.get(entries.size() - 1).at();
        return Duration.between(begin, last).toMillis();
    }

    private static String failure(Journal journal, String state) {
        if (state.equals("completed")) {
            return null;
        }
        String failed = null;
        for (Journal.Entry e : journal.entries()) {
            if (e.event().equals("failed") && PlanRunner.STEPS.equals(e.phase())) {
                failed = "step " + e.step() + " failed: " + e.error();
            }
        }
        return failed != null ? failed : "the run was interrupted; ferry run --resume goes on";
    }
}
