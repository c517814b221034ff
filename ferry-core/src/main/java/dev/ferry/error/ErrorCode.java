package dev.ferry.error;

/** What went wrong, at the level a user acts on; each maps to one exit code. */
public enum ErrorCode {
    USAGE(ExitCode.USAGE),
    BAD_URL(ExitCode.USAGE),
    CONFIG(ExitCode.USAGE),
    FILE_NOT_FOUND(ExitCode.USAGE),
    UNSUPPORTED(ExitCode.USAGE),
    /** A write to a protected environment without its confirmation. */
    PROTECTED(ExitCode.USAGE),
    /** A write from one environment to a database another environment of ferry.yaml has written to. */
    WRONG_ENVIRONMENT(ExitCode.USAGE),
    CONNECT(ExitCode.CONNECT),
    AUTHENTICATION(ExitCode.CONNECT),
    UNKNOWN_DATABASE(ExitCode.CONNECT),
    CHECK_FAILED(ExitCode.CHECK_FAILED),
    SQL(ExitCode.STEP_FAILED),
    STEP_FAILED(ExitCode.STEP_FAILED),
    LOCKED(ExitCode.LOCKED);

    private final ExitCode exitCode;

    ErrorCode(ExitCode exitCode) {
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
