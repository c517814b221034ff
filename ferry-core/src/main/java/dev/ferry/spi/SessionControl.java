package dev.ferry.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Listing and ending the other sessions on a database, before a drop or a restore. */
public interface SessionControl {

    /** Sessions on {@code database} other than the caller's own. */
    List<SessionInfo> otherSessions(Connection connection, String database) throws SQLException;

    /** Ends one session; false when it had already gone. */
    boolean terminate(Connection connection, SessionInfo session) throws SQLException;

    /** Terminates the sessions {@link #otherSessions} lists and returns those it ended. */
    default List<SessionInfo> terminateOtherSessions(Connection connection, String database) throws SQLException {
        List<SessionInfo> ended = new ArrayList<>();
        for (SessionInfo session : otherSessions(connection, database)) {
            if (terminate(connection, session)) {
                ended.add(session);
            }
        }
        return ended;
    }
}
