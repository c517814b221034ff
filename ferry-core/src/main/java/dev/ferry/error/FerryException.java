package dev.ferry.error;

import java.util.Optional;

/**
 * The one exception Ferry raises for anything a user can act on. The message states the fact
 * (what was expected against what was found); the hint names what to do next.
 *
 * <pre>{@code
 * throw new FerryException(ErrorCode.CONNECT, "cannot connect to 127.0.0.1:1: connection refused",
 *         "start the server or check host and port in the URL", cause);
 * }</pre>
 *
 * Messages must never contain a password: build them from redacted URLs only.
 */
public final class FerryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String hint;

    public FerryException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public FerryException(ErrorCode code, String message, String hint) {
        this(code, message, hint, null);
    }

    public FerryException(ErrorCode code, String message, String hint, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.hint = hint;
    }

    public ErrorCode code() {
        return code;
    }

    public ExitCode exitCode() {
        return code.exitCode();
    }

    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }
}
