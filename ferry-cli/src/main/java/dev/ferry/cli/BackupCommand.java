package dev.ferry.cli;

import dev.ferry.backup.BackupFormat;
import dev.ferry.backup.BackupResult;
import dev.ferry.backup.BackupService;
import dev.ferry.backup.ClientTools;
import dev.ferry.backup.DumpBackup;
import dev.ferry.backup.VerifyResult;
import dev.ferry.connect.DatabaseUrl;
import dev.ferry.connect.Target;
import dev.ferry.connect.Workspace;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.ExitCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.BackupText;
import dev.ferry.report.Json;
import dev.ferry.spi.Database;
import dev.ferry.spi.Dialect;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ferry backup}: a native backup (or, with {@code --format pg_dump} or through a docker:// URL, a
 * pg_dump) with its manifest; {@code --verify} restores it into a scratch database at once.
 */
@Command(name = "backup", description = "Back up a database (native format: schema SQL plus zstd binary streams per table, with a manifest of"
        + " row counts and checksums from one snapshot; or pg_dump's own format). A docker://CONTAINER/DB URL runs pg_dump inside the container.",
        subcommands = {BackupVerifyCommand.class, BackupListCommand.class})
final class BackupCommand extends DatabaseCommand implements RunsInContainer {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "backups", description = "where backups go (default: ${DEFAULT-VALUE})")
    private Path out;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "2", description = "sessions reading tables at once, all in one snapshot (default: ${DEFAULT-VALUE})")
    private int jobs;

    @Option(names = "--format", paramLabel = "FORMAT", description = "native (the default: any database), pg_dump (PostgreSQL's pg_dump -Fc,"
            + " by an installed pg_dump that can read the server; the default for docker:// URLs) or mariadb-dump")
    private String format;

    @Option(names = "--verify", description = "restore the backup into a scratch database and compare counts and checksums with its manifest")
    private boolean verify;

    @Option(names = "--scratch", paramLabel = "URL", description = "server for the scratch database of --verify, and of a pg_dump or mariadb-dump backup's manifest (default: an"
            + " embedded PostgreSQL of the source's major version; for MariaDB/MySQL, the source's server)")
    private String scratch;

    BackupCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int execute(Workspace workspace, Target target, Database database) {
        BackupFormat chosen = BackupFormat.parse(format, BackupFormat.NATIVE);
        chosen.requireFor(database.dialect().name());
        if (verify) {
            BackupVerifyCommand.refuseScratchForFiles(database.dialect(), scratch);
        }
        BackupResult backup = switch (chosen) {
            case NATIVE -> new BackupService(context.workDir().resolve(out), jobs, context.console().progress()).backup(database);
            case PG_DUMP -> dumps().pgDump(database, major -> BackupVerifyCommand.scratch(context, database.dialect(), major, scratch, database.url()));
            case MARIADB_DUMP -> dumps().mariadbDump(database, major -> BackupVerifyCommand.scratch(context, database.dialect(), major, scratch, database.url()));
        };
        return report(backup, database.url());
    }

    /** docker://CONTAINER/DB: pg_dump runs inside the container; the manifest comes from a restore into a scratch database here. */
    @Override
    public int executeInContainer(Workspace workspace, Target target) {
        if (BackupFormat.parse(format, BackupFormat.PG_DUMP) != BackupFormat.PG_DUMP) {
            throw new FerryException(ErrorCode.USAGE, "a docker:// URL is backed up by pg_dump inside the container, not in --format " + format,
                    "leave out --format, or back up through a postgres:// URL to the container's published port for a native backup");
        }
        Dialect postgres = context.dialects().all().stream().filter(d -> d.name().equals("PostgreSQL")).findFirst()
                .orElseThrow(() -> new FerryException(ErrorCode.UNSUPPORTED, "the PostgreSQL plug-in is not installed: cannot back up " + target.url().redacted(), null));
        return report(dumps().pgDumpInContainer(target.url(), major -> BackupVerifyCommand.scratch(context, postgres, major, scratch, null)), null);
    }

    private DumpBackup dumps() {
        return new DumpBackup(context.workDir().resolve(out), jobs, context.console().progress(), new ClientTools(context.environment()));
    }

    private int report(BackupResult backup, DatabaseUrl source) {
        Console console = context.console();
        VerifyResult verified = verify ? BackupVerifyCommand.verify(context, backup.path(), scratch, source, jobs, context.console().progress()) : null;
        if (console.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("backup", backup);
            json.put("verify", verified);
            console.result(Json.write(json) + "\n");
        } else {
            console.result(BackupText.backup(backup, console.ansi()) + (verified == null ? "" : BackupText.verify(verified, console.ansi())));
        }
        return verified == null || verified.passed() ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
    }
}
