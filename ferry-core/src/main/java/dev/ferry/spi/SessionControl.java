package dev.ferry.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Listing and ending the other sessions on a database, before a drop or a restore. */
public interface SessionControl {

    /** Sessions on {@code database} other than the caller's own. */
    List<SessionInfo> otherSessions(Connection connection, String database) throws SQLException;

    /** Terminates the sessions {@link #otherSessions} lists and returns what it ended. */
    List<SessionInfo> terminateOtherSessions(Connection connection, String database) throws SQLException;
}
