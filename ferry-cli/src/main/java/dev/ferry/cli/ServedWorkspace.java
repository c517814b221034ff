package dev.ferry.cli;

import dev.ferry.backup.BackupListing;
import dev.ferry.backup.VerifyResult;
import dev.ferry.connect.HistoryConfig;
import dev.ferry.connect.Target;
import dev.ferry.connect.Workspace;
import dev.ferry.data.DataResult;
import dev.ferry.data.DataRun;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.migrate.MigrateOptions;
import dev.ferry.migrate.MigrateResult;
import dev.ferry.migrate.MigrationSet;
import dev.ferry.migrate.Migrations;
import dev.ferry.migrate.StatusResult;
import dev.ferry.report.Ansi;
import dev.ferry.report.BackupText;
import dev.ferry.report.DataText;
import dev.ferry.report.MigrationText;
import dev.ferry.report.Progress;
import dev.ferry.schema.DiffResult;
import dev.ferry.schema.DiffService;
import dev.ferry.server.FerryServices;
import dev.ferry.server.JobOutput;
import dev.ferry.server.Outcome;
import dev.ferry.spi.Database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * What {@code ferry serve} does to its database: the services of the CLI's commands, called as those
 * commands call them, answering the values they print with --json. The migration files are read again
 * for every request, as a new command would read them; every request has connections of its own.
 */
final class ServedWorkspace implements FerryServices {
    /** Reads at once: more requests wait for a turn instead of opening a connection each (PostgreSQL allows 100 by default). */
    static final int CONCURRENT_READS = 8;

    private final CliContext context;
    private final Workspace workspace;
    private final Target target;
    private final Database database;
    private final HistoryConfig history;
    private final Supplier<MigrationSet> files;
    private final Duration lockTimeout;
    private final Path backups;
    private final Semaphore reads = new Semaphore(CONCURRENT_READS, true);
    private final Object shadow = new Object();

    ServedWorkspace(CliContext context, Workspace workspace, Target target, Database database, HistoryConfig history, Supplier<MigrationSet> files,
                    Duration lockTimeout, Path backups) {
        this.context = context;
        this.workspace = workspace;
        this.target = target;
        this.database = database;
        this.history = history;
        this.files = files;
        this.lockTimeout = lockTimeout;
        this.backups = backups;
    }

    @Override
    public Object migrations() {
        return read(() -> migrations(Progress.NONE).status());
    }

    @Override
    public Outcome migrate(boolean dryRun, JobOutput output) {
        MigrateResult result = migrations(output).migrate(new MigrateOptions(null, dryRun, false, false, lockTimeout));
        return Outcome.passed(MigrateCommand.json(result), MigrationText.migrate(result, Ansi.OFF));
    }

    @Override
    public Object data() {
        return read(() -> dataRun(Progress.NONE, note -> { }).status());
    }

    @Override
    public Outcome dataRun(String id, boolean dryRun, JobOutput output) {
        DataResult result = dataRun(output, output::log).run(id, DataRun.Options.plain(dryRun, lockTimeout, 0));
        return Outcome.passed(result, DataText.run(result, Ansi.OFF));
    }

    @Override
    public Outcome dataSkip(String id) {
        dataRun(Progress.NONE, note -> { }).skip(id, lockTimeout);
        return Outcome.passed(Map.of("skipped", id), "Skipped D" + id + ": data runs pass it by.");
    }

    @Override
    public Outcome dataReset(String id) {
        DataResult.Item cleared = dataRun(Progress.NONE, note -> { }).reset(id, lockTimeout);
        return Outcome.passed(Map.of("reset", id, "cleared", cleared), "Reset D" + id + ": cleared " + cleared.status() + ", " + cleared.processed()
                + " rows processed; the next run starts it from its first key, the rows it changed stay as they are.");
    }

    @Override
    public Object backups() {
        return BackupListing.under(backups);
    }

    @Override
    public Outcome verifyBackup(String name, JobOutput output) {
        Path dir = backups.resolve(name);
        if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
            throw new FerryException(ErrorCode.FILE_NOT_FOUND, "there is no backup " + name + " under " + backups, "GET /api/backups lists them");
        }
        VerifyResult r = BackupVerifyCommand.verify(context, dir, null, target.url(), 2, output);
        return new Outcome(r, BackupText.verify(r, Ansi.OFF), r.passed());
    }

    /** As {@code ferry check --drift}: one shadow database at a time, so that requests do not start a server each. */
    @Override
    public Object drift() {
        synchronized (shadow) {
            Migrations migrations = migrations(Progress.NONE);
            StatusResult status = migrations.status();
            DiffResult differences = new DiffService(context.dialects(), context.workDir(), null, history, Progress.NONE).drift(migrations, status).orElse(null);
            return CheckCommand.json(status, differences);
        }
    }

    private Migrations migrations(Progress progress) {
        return new Migrations(database, files.get(), history, progress);
    }

    private DataRun dataRun(Progress progress, java.util.function.Consumer<String> notes) {
        return DataRuns.open(context, workspace, target, database, DataRuns.defaultLocation(workspace), List.of(), context.workDir().resolve("reports"),
                progress, notes);
    }

    private <T> T read(Supplier<T> read) {
        try {
            reads.acquire();
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            throw new FerryException(ErrorCode.CONNECT, "the server is stopping", null);
        }
        try {
            return read.get();
        } finally {
            reads.release();
        }
    }
}
