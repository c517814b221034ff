package dev.ferry.cli;

import dev.ferry.backup.ClientTools;
import dev.ferry.backup.Manifest;
import dev.ferry.backup.VerifyResult;
import dev.ferry.backup.VerifyService;
import dev.ferry.connect.DatabaseUrl;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.ExitCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.BackupText;
import dev.ferry.report.Json;
import dev.ferry.report.Progress;
import dev.ferry.spi.Database;
import dev.ferry.spi.Dialect;
import dev.ferry.spi.ShadowDatabases;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ferry backup verify DIR}: restore into a scratch database, compare with the manifest, exit 1 on any difference. */
@Command(name = "verify", description = "Restore a backup into a scratch database and compare every table's row count and checksum with its manifest;"
        + " exit 1 on any difference. The outcome is recorded in the manifest.")
final class BackupVerifyCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    private GlobalOptions globals;

    @Parameters(paramLabel = "DIR", description = "the backup's directory")
    private Path dir;

    @Option(names = "--scratch", paramLabel = "URL", description = "server for the scratch database (default: an embedded PostgreSQL of the backup's major version;"
            + " required for a MariaDB/MySQL backup)")
    private String scratch;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "2", description = "tables loaded at once (default: ${DEFAULT-VALUE})")
    private int jobs;

    BackupVerifyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        VerifyResult r = verify(context, context.workDir().resolve(dir), scratch, null, jobs, context.console().progress());
        Console console = context.console();
        console.result(console.json() ? Json.write(r) + "\n" : BackupText.verify(r, console.ansi()));
        return r.passed() ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
    }

    /**
     * Verifies {@code dir} in a scratch database that is dropped (or whose server is stopped) afterwards:
     * on {@code scratchUrl}'s server when given, else on a server Ferry starts, else (a dialect with no
     * server of its own, MariaDB) on {@code sourceServer}'s when there is one.
     */
    static VerifyResult verify(CliContext context, Path dir, String scratchUrl, DatabaseUrl sourceServer, int jobs, Progress progress) {
        Manifest manifest = Manifest.read(dir);
        Dialect dialect = context.dialects().all().stream().filter(d -> d.name().equals(manifest.dialect())).findFirst()
                .orElseThrow(() -> new FerryException(ErrorCode.UNSUPPORTED, "the backup was taken of " + manifest.dialect() + ", which this Ferry cannot read", null));
        refuseScratchForFiles(dialect, scratchUrl);
        try (Database scratch = scratch(context, dialect, manifest.serverMajor(), scratchUrl, sourceServer)) {
            return new VerifyService(jobs, progress, new ClientTools(context.environment())).verify(dir, scratch);
        }
    }

    /** A new empty database to restore a backup of {@code dialect} into, found as {@link #verify} says. */
    static Database scratch(CliContext context, Dialect dialect, int major, String scratchUrl, DatabaseUrl sourceServer) {
        ShadowDatabases shadows = dialect.require(ShadowDatabases.class, "make a scratch database to restore a backup into");
        if (scratchUrl != null) {
            DatabaseUrl url = DatabaseUrl.parse(scratchUrl);
            String kind = context.dialects().forUrl(url).name();
            if (!kind.equals(dialect.name())) {
                throw new FerryException(ErrorCode.USAGE, "--scratch " + url.redacted() + " is a " + kind + " server, and the backup is of "
                        + dialect.name() + ": it restores only into " + dialect.name(), "give a " + dialect.name()
                        + " server to --scratch, or leave --scratch out for an embedded one");
            }
            return shadows.shadowOn(context.dialects().open(url));
        }
        if (dialect.capability(dev.ferry.spi.FileBackup.class).isPresent()) {
            return shadows.shadow(major); // a temporary file: nothing to start
        }
        if (shadows.startsItsOwnServer()) {
            context.console().note("starting a scratch " + dialect.name() + " " + major + " to restore into…");
            return shadows.shadow(major);
        }
        if (sourceServer == null) {
            throw new FerryException(ErrorCode.USAGE, "verifying a " + dialect.name() + " backup needs --scratch: Ferry has no "
                    + dialect.name() + " server of its own to restore it into",
                    "pass --scratch mysql://USER@HOST:PORT/ of a server (the backup's version) where Ferry may create and drop a scratch database", null);
        }
        context.console().report("restoring into a scratch database on the source's server " + sourceServer.withDatabase("").redacted()
                + ", dropped afterwards (--scratch URL to use another)");
        return shadows.shadowOn(context.dialects().open(sourceServer));
    }

    /** A backup of a file (SQLite) is verified in a temporary file of its own: a --scratch server would be ignored, so it is refused. */
    static void refuseScratchForFiles(Dialect dialect, String scratchUrl) {
        if (scratchUrl != null && dialect.capability(dev.ferry.spi.FileBackup.class).isPresent()) {
            throw new FerryException(ErrorCode.USAGE, "--scratch names a server for the scratch database, and a " + dialect.name()
                    + " backup needs none: it is verified in a temporary file of its own", "leave out --scratch");
        }
    }
}
