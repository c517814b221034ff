package dev.ferry.error;

/** The process exit codes of the contract (PRODUCT.md), in one place. */
public enum ExitCode {
    OK(0),
    CHECK_FAILED(1),
    USAGE(2),
    CONNECT(3),
    STEP_FAILED(4),
    LOCKED(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
