package dev.ferry.cli;

import dev.ferry.data.DataResult;
import dev.ferry.data.DataRun;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.ExitCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.DataText;
import dev.ferry.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code ferry data run [ID]}: the pending data migrations, or one, in batches that commit with their checkpoints. */
@Command(name = "run", description = "Run the pending data migrations (or only ID) in version order: each batch in its own transaction with its"
        + " checkpoint, so that a run that stopped goes on after the last committed batch.")
final class DataRunCommand extends DataMigrationCommand implements WritesDatabase {
    private static final int MAX_JOBS = 64;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "only this data migration (its version, e.g. 2)")
    private String id;

    @Option(names = "--dry-run", description = "run every batch in a transaction that is rolled back: the counts a run would give, and a few rows"
            + " before and after; nothing is written")
    private boolean dryRun;

    @Option(names = "--max-rows-per-second", paramLabel = "N", defaultValue = "0", description = "keep the load on the database under N rows a second"
            + " (default: no limit)")
    private long maxRowsPerSecond;

    @Option(names = "--max-errors", paramLabel = "N", defaultValue = "0", description = "records that may fail (logged with their reason and"
            + " skipped) before the migration stops as FAILED after the batch that went past N (default: ${DEFAULT-VALUE})")
    private long maxErrors;

    @Option(names = "--max-active-sessions", paramLabel = "N", defaultValue = "-1", description = "pause between batches while more than N other"
            + " sessions of the database are running statements (PostgreSQL, MariaDB/MySQL; default: no bound)")
    private int maxActiveSessions;

    @Option(names = "--max-replication-lag", paramLabel = "SECONDS", defaultValue = "-1", description = "pause between batches while the"
            + " replicas lag more than SECONDS behind (PostgreSQL's pg_stat_replication; default: no bound)")
    private double maxReplicationLag;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1", description = "key ranges of a batched SQL migration (or a Java migration's"
            + " ranges) worked on N sessions at once, still committed in key order; only for statements that touch their own range's rows"
            + " (default: ${DEFAULT-VALUE})")
    private int jobs;

    DataRunCommand(CliContext context) {
        super(context);
    }

    @Override
    public boolean writesDatabase() {
        return !dryRun;
    }

    @Override
    protected int execute(DataRun run, Path location) {
        if (maxRowsPerSecond < 0) {
            throw new FerryException(ErrorCode.USAGE, "--max-rows-per-second must be 0 (no limit) or more, not " + maxRowsPerSecond,
                    "--max-rows-per-second 5000 keeps a batched migration to 5000 rows a second");
        }
        if (maxErrors < 0) {
            throw new FerryException(ErrorCode.USAGE, "--max-errors must be 0 or more, not " + maxErrors,
                    "--max-errors 100 lets up to 100 records fail (each logged with its reason) before the run stops");
        }
        if (maxActiveSessions < -1 || maxReplicationLag < -1 || Double.isNaN(maxReplicationLag)) {
            throw new FerryException(ErrorCode.USAGE, "--max-active-sessions and --max-replication-lag take 0 or more",
                    "--max-active-sessions 20 pauses while more than 20 other sessions are at work; --max-replication-lag 5 while replicas lag over 5 s");
        }
        if (jobs < 1 || jobs > MAX_JOBS) {
            throw new FerryException(ErrorCode.USAGE, "--jobs must be from 1 to " + MAX_JOBS + ", not " + jobs,
                    "--jobs 2 works on two key ranges at once, one session each");
        }
        DataResult result = run.run(id, new DataRun.Options(dryRun, lockTimeout(), maxRowsPerSecond, maxErrors, maxActiveSessions, maxReplicationLag,
                jobs));
        Console console = context.console();
        console.result(console.json() ? Json.write(result) + "\n" : DataText.run(result, console.ansi()));
        return ExitCode.OK.code();
    }
}
