package dev.ferry.server;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * The jobs of the one database a server serves: at most one runs at a time, as the CLI's locks allow
 * one migration per database; a second start is refused naming the running job (409). The last
 * {@value #KEPT} jobs are kept for GET /api/jobs; a restarted server starts with none, while what a
 * job committed stays in the database's history.
 */
final class Jobs implements AutoCloseable {
    static final int KEPT = 50;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The work of a job, given the job to report to. */
    @FunctionalInterface
    interface Work {
        Outcome run(JobOutput output) throws Exception;
    }

    private final Map<String, Job> recent = new LinkedHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ferry-job");
        t.setDaemon(true);
        return t;
    });
    private final AuditLog audit;
    private final UnaryOperator<String> redact;
    private Job running;

    Jobs(AuditLog audit, UnaryOperator<String> redact) {
        this.audit = audit;
        this.redact = redact;
    }

    /** A job started, or refused with 409 while another runs. */
    synchronized Job start(String kind, String subject, boolean dryRun, String keyName, String address, Work work) {
        if (running != null) {
            throw HttpFailure.busy(running);
        }
        Job job = new Job(HexFormat.of().formatHex(randomBytes()), kind, subject, dryRun,
                keyName, address, redact);
        audit.started(job); // a job the audit cannot record does not start
        running = job;
        recent.put(job.id(), job);
        if (recent.size() > KEPT) {
            recent.remove(recent.keySet().iterator().next());
        }
        workers.submit(() -> execute(job, work));
        return job;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The slot is freed before the job says it ended, so that whoever waited for the end may start the next at once. */
    private void execute(Job job, Work work) {
        Outcome outcome = null;
        Throwable failure = null;
        try {
            outcome = work.run(job);
        } catch (Throwable t) {
            failure = t;
        }
        synchronized (this) {
            running = null;
        }
        if (failure == null) {
            job.completed(outcome);
        } else {
            job.failed(failure);
        }
        audit.ended(job);
    }

    synchronized Optional<Job> find(String id) {
        return Optional.ofNullable(recent.get(id));
    }

    /** The kept jobs, newest first. */
    synchronized List<Job> list() {
        List<Job> jobs = new ArrayList<>(recent.values());
        java.util.Collections.reverse(jobs);
        return jobs;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

}
