package dev.ferry.cli;

import dev.ferry.connect.Workspace;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.ExitCode;
import dev.ferry.error.FerryException;
import dev.ferry.migrate.Migrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.function.ToIntFunction;

/**
 * {@code ferry serve}: the HTTP API of ferry-server over the same database and migrations as the other
 * commands. Its options are plain values and the server is reached only through {@link ServeLauncher}
 * in method bodies, so that no server or Javalin class loads unless this command runs (ferry --version
 * stays as fast as before).
 */
@Command(name = "serve", description = {"Serve the API over HTTP, or HTTPS with --tls-cert/--tls-key (JSON; GET /api/openapi.json lists the routes).",
        "Keys come from FERRY_API_KEYS=\"NAME:ROLE:KEY,...\" (ROLE read or run) or --keys-file, never from ferry.yaml;"
                + " clients send Authorization: Bearer KEY."})
final class ServeCommand extends MigrationCommand implements WritesDatabase {

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE}); another than loopback needs --tls-cert/--tls-key or --insecure-bind")
    private String bind;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8642", description = "port to listen on (default: ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--insecure-bind", description = "listen on a non-loopback address without TLS: keys cross the network in clear text")
    private boolean insecureBind;

    @Option(names = "--max-failed-keys", paramLabel = "N", defaultValue = "10",
            description = "failed key attempts a client address may make a minute before it is answered 429 (default: ${DEFAULT-VALUE})")
    private int maxFailedKeys;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate (chain) to serve HTTPS only, with --tls-key")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "PEM private key of --tls-cert, unencrypted (PRIVATE KEY, RSA or EC PRIVATE KEY); keep it out of the repository")
    private Path tlsKey;

    @Option(names = "--keys-file", paramLabel = "FILE",
            description = "file of NAME:ROLE:SHA256 lines, instead of FERRY_API_KEYS (keep it out of the repository)")
    private Path keysFile;

    @Option(names = "--hash-key", paramLabel = "KEY", arity = "0..1", fallbackValue = "",
            description = "print the SHA-256 of KEY (or of a line read from standard input) for --keys-file, and exit")
    private String hashKey;

    @Option(names = "--backups", paramLabel = "DIR", defaultValue = "backups",
            description = "the backups GET /api/backups lists and POST /api/backups/NAME/verify verifies (default: ${DEFAULT-VALUE})")
    private Path backups;

    @Option(names = "--audit", paramLabel = "FILE", defaultValue = "reports/serve-audit.jsonl",
            description = "where every job is recorded, one JSON line per start and end, with the name of the key that ran it (default: ${DEFAULT-VALUE})")
    private Path audit;

    /** The server, ready to start once the database is open; not typed ServeLauncher so --version does not load it. */
    private ToIntFunction<ServeCommand> server;
    private boolean runKeys;

    ServeCommand(CliContext context) {
        super(context);
    }

    @Override
    protected Integer answerWithoutDatabase() {
        if (hashKey == null) {
            return null;
        }
        String key = hashKey.isEmpty() ? context.console().readLine().orElse("") : hashKey;
        if (key.isEmpty()) {
            throw new FerryException(ErrorCode.USAGE, "--hash-key got no key", "pass it, or pipe it in: ferry serve --hash-key < key.txt");
        }
        context.console().result(ServeLauncher.hashHex(key) + "\n");
        context.console().report("put it in the keys file as NAME:read:HASH or NAME:run:HASH");
        return ExitCode.OK.code();
    }

    /** The bind address, the TLS files and the keys are checked before any connection, so their mistakes cost none. */
    @Override
    protected void readInput(Workspace workspace) {
        ServeLauncher launcher = ServeLauncher.prepare(context, new ServeLauncher.Listen(bind, port, insecureBind, maxFailedKeys, tlsCert, tlsKey), keysFile);
        runKeys = launcher.hasRunKeys();
        server = launcher::serve;
    }

    /** A server with a run key writes to the database whenever that key asks: a protected environment's confirmation comes first. */
    @Override
    public boolean writesDatabase() {
        return runKeys;
    }

    @Override
    protected int execute(Migrations migrations) {
        return server.applyAsInt(this);
    }

    Path backupsDirectory() {
        return context.workDir().resolve(backups);
    }

    Path auditFile() {
        return context.workDir().resolve(audit);
    }
}
