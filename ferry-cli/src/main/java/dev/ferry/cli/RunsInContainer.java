package dev.ferry.cli;

import dev.ferry.connect.Target;
import dev.ferry.connect.Workspace;

/**
 * A {@link DatabaseCommand} that can work on a {@code docker://CONTAINER/DB} URL, where Ferry opens
 * no connection of its own and runs the database's tools inside the container instead.
 */
interface RunsInContainer {

    /** Runs the command for a Docker URL; the exit code. */
    int executeInContainer(Workspace workspace, Target target);
}
