package dev.ferry.cli;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.ExitCode;
import dev.ferry.error.FerryException;
import dev.ferry.server.ApiKeys;
import dev.ferry.server.FerryServer;
import dev.ferry.server.Role;
import dev.ferry.server.ServerOptions;
import dev.ferry.server.ServerTls;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** Starts ferry-server for {@link ServeCommand}: the one class of the CLI that names the server's. */
final class ServeLauncher {
    private final CliContext context;
    private final ServerOptions options;
    private final ApiKeys keys;

    private ServeLauncher(CliContext context, ServerOptions options, ApiKeys keys) {
        this.context = context;
        this.options = options;
        this.keys = keys;
    }

    static String hashHex(String key) {
        return ApiKeys.hashHex(key);
    }

    /** The listening options of ServeCommand, as plain values, so that the command does not load ServerOptions. */
    record Listen(String bind, int port, boolean insecureBind, int maxFailedKeys, Path tlsCert, Path tlsKey) {
    }

    static ServeLauncher prepare(CliContext context, Listen listen, Path keysFile) {
        ServerOptions options = new ServerOptions(listen.bind(), listen.port(), listen.insecureBind(), listen.maxFailedKeys(),
                ServerTls.fromPem(context.workDir(), listen.tlsCert(), listen.tlsKey()));
        return new ServeLauncher(context, options, keys(context, keysFile));
    }

    private static ApiKeys keys(CliContext context, Path keysFile) {
        if (keysFile != null) {
            return ApiKeys.fromFile(context.workDir().resolve(keysFile));
        }
        String value = context.environment().get("FERRY_API_KEYS");
        if (value == null || value.isBlank()) {
            throw new FerryException(ErrorCode.CONFIG, "ferry serve has no API keys, and would answer every request with 401",
                    "set FERRY_API_KEYS to NAME:ROLE:KEY entries, comma-separated (ROLE read or run), or pass --keys-file FILE of NAME:ROLE:SHA256 lines");
        }
        // Masked before parsing, so that no message or log line of this run can show a key.
        for (String entry : value.split(",")) {
            String[] parts = entry.split(":", 3);
            String key = (parts.length == 3 ? parts[2] : entry).strip();
            if (!key.isEmpty()) {
                context.mask().add(key);
            }
        }
        return ApiKeys.fromEnvironment(value);
    }

    boolean hasRunKeys() {
        return keys.all().stream().anyMatch(key -> key.role() == Role.RUN);
    }

    /** Serves until the process is stopped (Ctrl-C or SIGTERM). */
    int serve(ServeCommand command) {
        ServedWorkspace services = new ServedWorkspace(context, command.workspace(), command.target(), command.database(), command.history(),
                command::scanMigrations, command.lockTimeout(), command.backupsDirectory());
        FerryServer server = FerryServer.start(options, keys, services, context.mask()::apply, line -> context.console().report(line),
                command.auditFile());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "ferry-serve-stop"));
        context.console().report("ferry serve: listening on " + options.scheme() + "://" + hostForUrl(options.bind()) + ":" + server.port()
                + " with " + keys.all().size() + " key(s); GET /api/openapi.json lists the routes. Ctrl-C stops it.");
        try {
            stopped.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return ExitCode.OK.code();
    }

    private static String hostForUrl(String bind) {
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }
}
