package dev.ferry.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.OptionalDouble;

/** How busy a database is, so that a data migration can pause while production needs it (ferry data run --max-active-sessions, --max-replication-lag). */
public interface LoadSignals {

    /** Sessions on the connection's database, other than the caller's, running a statement right now. */
    int activeSessions(Connection connection) throws SQLException;

    /** How far the server's replicas lag behind it, in seconds (0 with none); empty when the server cannot tell. */
    OptionalDouble replicationLagSeconds(Connection connection) throws SQLException;
}
