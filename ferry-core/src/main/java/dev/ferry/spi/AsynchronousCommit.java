package dev.ferry.spi;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Commits that return before the server has flushed them to disk (PostgreSQL's synchronous_commit off),
 * for work whose every commit carries its own checkpoint: a server crash loses the last few commits
 * and their checkpoints together, and the next run redoes them. Never for the commit that reports a
 * success to the operator.
 */
public interface AsynchronousCommit {

    /** The session's commits from now on return before they are on disk. */
    void commitAsynchronously(Connection connection) throws SQLException;

    /** The open transaction's commit waits until it is on disk. */
    void commitThisOneDurably(Connection connection) throws SQLException;
}
