package dev.ferry.postgres;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.error.FerryException;
import dev.ferry.spi.ConnectionErrors;

import java.sql.SQLException;

/** Which connection failure a pgjdbc SQLException is, by SQLSTATE and cause. */
final class PostgresErrors {
    private PostgresErrors() {
    }

    static RuntimeException translate(DatabaseUrl url, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        switch (state) {
            case "28P01", "28000":
                return ConnectionErrors.authenticationFailed(url, e);
            case "3D000":
                return ConnectionErrors.unknownDatabase(url, e);
            case "57P03":
                return ConnectionErrors.unreachable(url, "the server is starting up or shutting down", e);
            default:
                break;
        }
        FerryException network = ConnectionErrors.fromNetworkCause(url, e);
        if (network != null) {
            return network;
        }
        if (state.equals("08004") && String.valueOf(e.getMessage()).contains("password")) {
            return ConnectionErrors.authenticationFailed(url, e);
        }
        return WrongServer.explain(url, e).map(RuntimeException.class::cast).orElseGet(() -> ConnectionErrors.failed(url, e.getMessage(), e));
    }
}
