package dev.ferry.postgres;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.connect.UrlForm;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;

/**
 * Explains a connection that failed because something other than PostgreSQL answered, which pgjdbc
 * reports as an SSL or protocol error. A MySQL or MariaDB server speaks first, sending a greeting
 * whose fifth byte is protocol version 10; PostgreSQL never speaks first. Asked only after a failure.
 */
final class WrongServer {
    private static final int PROBE_MILLIS = 2000;

    private WrongServer() {
    }

    /** The error to report instead of pgjdbc's, when the server did not answer as PostgreSQL. */
    static Optional<FerryException> explain(DatabaseUrl url, Exception e) {
        if (url.form() != UrlForm.NETWORK || url.host().map(h -> h.contains(",")).orElse(false)) {
            return Optional.empty();
        }
        String message = String.valueOf(e.getMessage());
        boolean mysql = speaksMySql(url);
        if (!mysql && !message.contains("SSL") && !message.toLowerCase(java.util.Locale.ROOT).contains("protocol")) {
            return Optional.empty();
        }
        String endpoint = url.endpoint().contains(":") ? url.endpoint() : url.endpoint() + ":5432";
        return Optional.of(new FerryException(ErrorCode.CONNECT, "the server at " + endpoint + " did not answer as PostgreSQL"
                + (mysql ? ": it speaks the MySQL/MariaDB protocol" : " (is it a MySQL/MariaDB server, or another service?)")
                + " (" + url.redacted() + ")",
                "check the port (PostgreSQL listens on 5432 unless told otherwise); for a MySQL or MariaDB server write mysql://USER@HOST:PORT/DB",
                e));
    }

    private static boolean speaksMySql(DatabaseUrl url) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.host().orElse("localhost"), url.port().orElse(5432)), PROBE_MILLIS);
            socket.setSoTimeout(PROBE_MILLIS);
            InputStream in = socket.getInputStream();
            byte[] greeting = in.readNBytes(5);
            return greeting.length == 5 && greeting[3] == 0 && greeting[4] == 10;
        } catch (IOException e) {
            return false;
        }
    }
}
