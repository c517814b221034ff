package dev.ferry.server;

import dev.ferry.error.ExitCode;

/** The HTTP status for a failure of the CLI's exit code: the same failure says the same thing at both doors. */
final class HttpStatus {
    private HttpStatus() {
    }

    /**
     * Usage (a bad id, a bad parameter) 400; cannot connect 502 (the database behind the server is the
     * gateway); a check or a step that failed 422 (understood, and the work failed); the lock held 409.
     */
    static int of(int exitCode) {
        if (exitCode == ExitCode.USAGE.code()) {
            return 400;
        }
        if (exitCode == ExitCode.CONNECT.code()) {
            return 502;
        }
        if (exitCode == ExitCode.LOCKED.code()) {
            return 409;
        }
        return 422;
    }
}
