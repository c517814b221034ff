package dev.ferry.doctor;

import dev.ferry.connect.Target;
import dev.ferry.connect.Workspace;
import dev.ferry.schema.DiffService;

import java.nio.file.Path;

/**
 * What {@link DoctorService#run(dev.ferry.spi.Database, Preflight)} checks besides the connection,
 * the client tools, the free disk and the tables, which it always checks. Each part is asked for by
 * name, so that a plan's source (a legacy database no migration of this workspace describes) is
 * checked without the history, and its target with it.
 *
 * <pre>{@code
 * Preflight target = Preflight.backupsTo(Path.of("backups"))
 *         .target(plan.target(), yes)     // protected: writes need --yes or the typed name
 *         .history(workspace)             // the history agrees with the workspace's migrations
 *         .drift(diffService);            // and the live schema is what they produce (takes seconds)
 * DoctorResult r = new DoctorService(System.getenv()).run(database, target);
 * }</pre>
 *
 * @param backupDir        where backups will go: the free space there is checked against the database's size
 * @param target           the database as the command chose it, for its protection; null: not checked
 * @param writesConfirmed  {@code --yes} was given, so a protected environment will not stop the run
 * @param history          the workspace whose migrations the database's history must agree with; null: not checked
 * @param drift            compares the live schema with what the applied migrations produce (needs {@code history}); null: not checked
 * @param environments     the workspace whose environments must not share a database unmarked; null: not checked
 * @param dumpToolsNeeded  false when the backups to come use Ferry's native format: a dump tool too old for the server is then a warning
 */
public record Preflight(Path backupDir, Target target, boolean writesConfirmed, Workspace history, DiffService drift, Workspace environments,
                        boolean dumpToolsNeeded) {

    /** Connection, client tools, free disk at {@code backupDir}, tables: the checks every database gets. */
    public static Preflight backupsTo(Path backupDir) {
        return new Preflight(backupDir, null, false, null, null, null, true);
    }

    /** Also whether {@code target} is a protected environment, and whether {@code --yes} ({@code writesConfirmed}) answers it. */
    public Preflight target(Target chosen, boolean confirmed) {
        return new Preflight(backupDir, chosen, confirmed, history, drift, environments, dumpToolsNeeded);
    }

    /** Also whether the database's history agrees with {@code workspace}'s migrations (what {@code ferry check} asks). */
    public Preflight history(Workspace workspace) {
        return new Preflight(backupDir, target, writesConfirmed, workspace, drift, environments, dumpToolsNeeded);
    }

    /** Also drift, as {@code ferry check --drift} finds it; checked only with {@link #history} and when the history agrees. */
    public Preflight drift(DiffService diff) {
        return new Preflight(backupDir, target, writesConfirmed, history, diff, environments, dumpToolsNeeded);
    }

    /** Also whether two of {@code workspace}'s environments point at one database without both saying {@code shared: true}. */
    public Preflight environments(Workspace workspace) {
        return new Preflight(backupDir, target, writesConfirmed, history, drift, workspace, dumpToolsNeeded);
    }

    /** The backups to come are Ferry's native ones (a cutover plan's): the dump tools are a nicety, so one too old for the server only warns. */
    public Preflight nativeBackups() {
        return new Preflight(backupDir, target, writesConfirmed, history, drift, environments, false);
    }
}
