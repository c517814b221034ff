package dev.ferry.server;

/**
 * What the API does to the one database a server serves, as the CLI's commands do it: each method
 * returns the value that command prints with --json. The CLI implements it over the same services as
 * its commands ({@code ServedWorkspace}); the server knows keys, jobs and HTTP only.
 *
 * <p>Methods that change a database run inside a job and report through its {@link JobOutput}; they
 * throw {@link dev.ferry.error.FerryException} as the command would, which fails the job.
 */
public interface FerryServices {

    /** {@code ferry status --json}. */
    Object migrations();

    /** {@code ferry migrate [--dry-run] --json}, the schema migrations only (deploy adds the data ones). */
    Outcome migrate(boolean dryRun, JobOutput output);

    /** {@code ferry data list --json}. */
    Object data();

    /** {@code ferry data run [ID] [--dry-run] --json}; {@code id} null: every pending data migration. */
    Outcome dataRun(String id, boolean dryRun, JobOutput output);

    /** {@code ferry data skip ID --json}. */
    Outcome dataSkip(String id);

    /** {@code ferry data reset ID --yes --json}: the run key's holder is the one who confirms. */
    Outcome dataReset(String id);

    /** {@code ferry backup list --json} of the server's backups directory. */
    Object backups();

    /** {@code ferry backup verify DIR --json} of the backup of that name; not passed when a table differs. */
    Outcome verifyBackup(String name, JobOutput output);

    /** {@code ferry check --drift --json}: the history against the files, and the live schema against what the migrations produce. */
    Object drift();
}
