package dev.ferry.server;

/**
 * A request the server answers with an HTTP status of its own, not one of the CLI's failures: no such job
 * (404), or another job running (409, naming it).
 */
final class HttpFailure extends RuntimeException {
    private final int status;
    private final String job;

    private HttpFailure(int status, String message, String job) {
        super(message, null, false, false);
        this.status = status;
        this.job = job;
    }

    static HttpFailure notFound(String message) {
        return new HttpFailure(404, message, null);
    }

    static HttpFailure busy(Job running) {
        return new HttpFailure(409, "job " + running.id() + " (" + running.title() + ", started by key " + running.keyName()
                + ") is running on this database, and one job runs at a time; follow it at GET /api/jobs/" + running.id() + ", then try again",
                running.id());
    }

    int status() {
        return status;
    }

    /** The running job a 409 names, else null. */
    String job() {
        return job;
    }
}
