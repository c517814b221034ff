package dev.ferry.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** embedded:postgres persists its data, reuses a running server and stops when the last user is done. */
class EmbeddedPostgresServerIT {

    @Test
    void startsReusesAndStopsWhenTheLastUserIsDone(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("pg");
        EmbeddedPostgresServer first = EmbeddedPostgresServer.startOrReuse(dir);
        assertThat(dir.resolve("postmaster.pid")).exists();
        try (Connection held = connect(first)) {
            held.createStatement().execute("CREATE TABLE kept (id int)");
            EmbeddedPostgresServer second = EmbeddedPostgresServer.startOrReuse(dir);
            assertThat(second.port()).isEqualTo(first.port());
            second.close();
            // The first user still has a session: the server must still be there for it.
            assertThat(query(held, "select 1")).isEqualTo(1);
        }
        first.close();
        assertThat(dir.resolve("postmaster.pid")).doesNotExist();

        EmbeddedPostgresServer again = EmbeddedPostgresServer.startOrReuse(dir);
        try (Connection c = connect(again)) {
            assertThat(query(c, "select count(*) from pg_tables where tablename = 'kept'")).isEqualTo(1);
        } finally {
            again.close();
        }
        assertThat(Files.readString(EmbeddedPostgresServer.sibling(dir, ".log"))).contains("database system is ready");
    }

    /**
     * Two handles in one process, the second closed first while no session is open: the server must
     * stay for the first handle, and once both are closed a new start in this process must work (zonky's
     * lock on the directory is this process's own: a second start beside it would overlap it).
     */
    @Test
    void aSecondHandleInTheSameProcessClosedFirstLeavesTheServerToTheFirst(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("pg");
        EmbeddedPostgresServer first = EmbeddedPostgresServer.startOrReuse(dir);
        EmbeddedPostgresServer second = EmbeddedPostgresServer.startOrReuse(dir);
        second.close();
        try (Connection c = connect(first)) {
            assertThat(query(c, "select 1")).as("the first handle's server, still up").isEqualTo(1);
        }
        first.close();
        assertThat(dir.resolve("postmaster.pid")).doesNotExist();

        EmbeddedPostgresServer again = EmbeddedPostgresServer.startOrReuse(dir);
        try (Connection c = connect(again)) {
            assertThat(query(c, "select 1")).isEqualTo(1);
        } finally {
            again.close();
        }
    }

    private static Connection connect(EmbeddedPostgresServer server) throws Exception {
        return PostgresDialect.DRIVER.connect(server.jdbcUrl("postgres"), PostgresDialect.properties("postgres", null));
    }

    private static int query(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}
