package dev.ferry.spi;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Marks a dialect that can run a {@code COPY … FROM stdin} statement with its inline rows, as
 * pg_dump writes them (PostgreSQL, through the driver's copy protocol). A migration holding such
 * a block is refused at planning time on a dialect without it.
 *
 * <pre>{@code
 * long rows = dialect.require(CopyFromStdin.class, "load COPY data").copyFromStdin(c, "COPY t (a, b) FROM stdin", "1\tx\n2\ty\n");
 * }</pre>
 */
public interface CopyFromStdin {

    /** Sends the COPY statement and then {@code data} (text format, one row a line); returns the rows loaded. */
    long copyFromStdin(Connection connection, String copyStatement, String data) throws SQLException;
}
