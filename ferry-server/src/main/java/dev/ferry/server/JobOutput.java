package dev.ferry.server;

import dev.ferry.report.Progress;

/** Where a job's work reports: its progress (the dashboard's bar) and the lines of its log, streamed as server-sent events. */
public interface JobOutput extends Progress {

    /** One line of the job's log; the server masks secrets in it before anyone sees it. */
    void log(String line);
}
