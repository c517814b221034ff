package dev.ferry.spi;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * The messages for connection failures, shared by every dialect so that "cannot connect" reads the
 * same whatever the database. Each dialect decides which of its errors is which.
 */
public final class ConnectionErrors {
    private ConnectionErrors() {
    }

    public static FerryException unreachable(DatabaseUrl url, String reason, Throwable cause) {
        return new FerryException(ErrorCode.CONNECT, "cannot connect to " + url.endpoint() + " (" + url.redacted() + "): " + reason,
                "check that the server is running and that host and port are right; `ferry doctor --url URL` checks again", cause);
    }

    public static FerryException unknownHost(DatabaseUrl url, Throwable cause) {
        return new FerryException(ErrorCode.CONNECT, "cannot connect to " + url.endpoint() + ": unknown host '" + url.host().orElse("") + "' (" + url.redacted() + ")",
                "check the host name in the URL", cause);
    }

    public static FerryException authenticationFailed(DatabaseUrl url, Throwable cause) {
        return new FerryException(ErrorCode.AUTHENTICATION, "authentication failed for user '" + url.user().orElse("") + "' at " + url.endpoint() + " (" + url.redacted() + ")",
                "check the user and password; a password with @ : / or % must be percent-encoded in the URL", cause);
    }

    public static FerryException unknownDatabase(DatabaseUrl url, Throwable cause) {
        return new FerryException(ErrorCode.UNKNOWN_DATABASE, "database '" + url.database().orElse("") + "' does not exist on " + url.endpoint() + " (" + url.redacted() + ")",
                "create it first, or check the database name in the URL", cause);
    }

    /**
     * The failure for a network-level cause (unknown host, refused, timed out) anywhere in the chain,
     * or null when the cause is not a network one.
     */
    public static FerryException fromNetworkCause(DatabaseUrl url, Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof UnknownHostException) {
                return unknownHost(url, e);
            }
            if (c instanceof ConnectException || c instanceof NoRouteToHostException) {
                return unreachable(url, "connection refused", e);
            }
            if (c instanceof SocketTimeoutException) {
                return unreachable(url, "timed out", e);
            }
        }
        return null;
    }

    public static FerryException failed(DatabaseUrl url, String reason, Throwable cause) {
        return new FerryException(ErrorCode.CONNECT, "cannot connect to " + url.endpoint() + " (" + url.redacted() + "): " + reason, null, cause);
    }
}
