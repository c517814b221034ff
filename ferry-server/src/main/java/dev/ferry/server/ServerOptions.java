package dev.ferry.server;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where {@code ferry serve} listens, and how many failed key attempts a client address may make a minute
 * before it gets 429; a non-loopback address needs TLS or the operator's explicit --insecure-bind.
 */
public record ServerOptions(String bind, int port, boolean insecureBind, int failedKeysPerMinute, Optional<ServerTls> tls) {

    /** Plain HTTP. */
    public ServerOptions(String bind, int port, boolean insecureBind, int failedKeysPerMinute) {
        this(bind, port, insecureBind, failedKeysPerMinute, Optional.empty());
    }

    public ServerOptions {
        if (failedKeysPerMinute < 1) {
            throw new FerryException(ErrorCode.USAGE, "--max-failed-keys must be 1 or more, not " + failedKeysPerMinute,
                    "the default, 10, lets a client mistype its key a few times a minute");
        }
        if (port < 0 || port > 65_535) {
            throw new FerryException(ErrorCode.USAGE, "--port must be from 0 to 65535 (0: any free port), not " + port, "the default is --port 8642");
        }
        if (!insecureBind && tls.isEmpty() && !loopback(bind)) {
            throw new FerryException(ErrorCode.USAGE, "refusing to listen on " + bind + ": it is not a loopback address, and without TLS"
                    + " keys would cross the network in clear text",
                    "serve HTTPS with --tls-cert cert.pem --tls-key key.pem (PEM), keep the default --bind 127.0.0.1 behind a TLS proxy,"
                            + " or add --insecure-bind if the network is yours alone");
        }
    }

    /** {@code https} with TLS, else {@code http}: the scheme of the server's URL. */
    public String scheme() {
        return tls.isPresent() ? "https" : "http";
    }

    private static boolean loopback(String bind) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(bind);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException unknown) {
            throw new FerryException(ErrorCode.USAGE, "--bind " + bind + " is not an address of this machine", "the default is --bind 127.0.0.1");
        }
    }
}
