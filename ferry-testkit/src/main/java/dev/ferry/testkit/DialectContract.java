package dev.ferry.testkit;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.AdvisoryLock;
import dev.ferry.spi.AdvisoryLocking;
import dev.ferry.spi.Database;
import dev.ferry.spi.Dialect;
import dev.ferry.spi.Dialects;
import dev.ferry.spi.ServerInfo;
import dev.ferry.spi.SessionControl;
import dev.ferry.spi.SessionInfo;
import dev.ferry.spi.TableStats;
import dev.ferry.spi.TransactionalDdl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract every {@link Dialect} must keep, run by each dialect's module against its real
 * database holding Chinook. A subclass names the dialect and makes the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DialectContract {
    private Database database;

    protected abstract Dialect dialect();

    /** A fresh database holding Chinook, for this test class alone. */
    protected abstract DatabaseUrl chinookDatabase();

    /** The product name serverInfo() must report ("PostgreSQL", "MariaDB", "SQLite"). */
    protected abstract String expectedProduct();

    @BeforeAll
    void openDatabase() {
        database = dialect().open(chinookDatabase());
    }

    @AfterAll
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    protected Database database() {
        return database;
    }

    @Test
    void isFoundThroughServiceLoaderForItsUrl() {
        assertThat(Dialects.load().forUrl(database.url())).isInstanceOf(dialect().getClass());
    }

    @Test
    void reportsServerProductVersionAndDatabase() throws SQLException {
        try (Connection c = database.connect()) {
            ServerInfo info = dialect().serverInfo(c);
            assertThat(info.product()).isEqualTo(expectedProduct());
            assertThat(info.majorVersion()).isPositive();
            assertThat(info.version()).startsWith(String.valueOf(info.majorVersion()));
            assertThat(info.database()).isNotBlank();
            assertThat(info.sizeBytes()).isPositive();
        }
    }

    @Test
    void countsEveryChinookTableExactly() throws SQLException {
        try (Connection c = database.connect()) {
            List<TableStats> tables = dialect().tables(c);
            Map<String, Long> counts = new java.util.HashMap<>();
            for (TableStats t : tables) {
                counts.put(t.name(), dialect().countRows(c, t));
            }
            counts = Chinook.folded(counts);
            assertThat(counts).containsAllEntriesOf(Chinook.COUNTS);
            assertThat(tables).allSatisfy(t -> assertThat(t.sizeBytes()).isNotZero());
        }
    }

    @Test
    void listsTablesWithoutCountingThem() throws SQLException {
        try (Connection c = database.connect()) {
            List<TableStats> tables = dialect().tables(c);
            assertThat(tables).hasSizeGreaterThanOrEqualTo(Chinook.COUNTS.size());
            assertThat(tables).allSatisfy(t -> assertThat(t.rows()).isEqualTo(-1));
        }
    }

    @Test
    void quotesIdentifiersThatNeedIt() throws SQLException {
        String name = "we\"ird`name";
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            String quoted = dialect().quoteIdentifier(name);
            s.execute("CREATE TABLE " + quoted + " (id INT)");
            try {
                s.execute("INSERT INTO " + quoted + " VALUES (1), (2)");
                TableStats weird = dialect().tables(c).stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
                assertThat(dialect().countRows(c, weird)).isEqualTo(2);
            } finally {
                s.execute("DROP TABLE " + quoted);
            }
        }
    }

    @Test
    void transactionalDdlIsWhatTheDialectClaims() throws SQLException {
        String table = dialect().quoteIdentifier("ddl_probe");
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table + " (id INT)");
            }
            c.rollback();
            c.setAutoCommit(true);
            boolean survived = tableExists(c, "ddl_probe");
            if (survived) {
                c.createStatement().execute("DROP TABLE " + table);
            }
            assertThat(survived).as("CREATE TABLE survives a rollback").isEqualTo(!(dialect() instanceof TransactionalDdl));
        }
    }

    @Test
    void advisoryLockExcludesAnotherSessionAndNamesTheHolder() throws SQLException {
        AdvisoryLocking locking = dialect().require(AdvisoryLocking.class, "lock");
        try (Connection first = database.connect(); Connection second = database.connect();
             AdvisoryLock held = locking.acquire(first, "contract", Duration.ofSeconds(5))) {
            assertThat(held.name()).contains("contract");
            long start = System.nanoTime();
            assertThatThrownBy(() -> locking.acquire(second, "contract", Duration.ofMillis(500)))
                    .isInstanceOfSatisfying(FerryException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.LOCKED);
                        assertThat(e.getMessage()).contains("held by").doesNotContain("another session");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            try (AdvisoryLock other = locking.acquire(second, "another-name", Duration.ofSeconds(1))) {
                assertThat(other.name()).contains("another-name");
            }
        }
    }

    @Test
    void advisoryLockIsFreeAgainOnceReleasedOrItsSessionEnds() throws SQLException {
        AdvisoryLocking locking = dialect().require(AdvisoryLocking.class, "lock");
        Connection first = database.connect();
        AdvisoryLock lock = locking.acquire(first, "release", Duration.ofSeconds(5));
        lock.close();
        try (Connection second = database.connect()) {
            locking.acquire(second, "release", Duration.ofSeconds(2)).close();
            AdvisoryLock again = locking.acquire(first, "release", Duration.ofSeconds(2));
            first.close();
            if (dialect().capability(SessionControl.class).isPresent()) {
                // A server-side lock dies with its session: no one has to clear it by hand.
                locking.acquire(second, "release", Duration.ofSeconds(5)).close();
            } else {
                again.close();
                locking.acquire(second, "release", Duration.ofSeconds(2)).close();
            }
        }
    }

    @Test
    void listsAndTerminatesOtherSessionsOrSaysItCannot() throws SQLException {
        if (dialect().capability(SessionControl.class).isEmpty()) {
            assertThatThrownBy(() -> dialect().require(SessionControl.class, "terminate sessions"))
                    .isInstanceOfSatisfying(FerryException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
                        assertThat(e.getMessage()).isEqualTo(dialect().name() + " cannot terminate sessions");
                    });
            return;
        }
        SessionControl sessions = dialect().require(SessionControl.class, "terminate sessions");
        try (Connection admin = database.connect(); Connection victim = database.connect()) {
            String db = dialect().serverInfo(admin).database();
            List<SessionInfo> before = sessions.otherSessions(admin, db);
            assertThat(before).isNotEmpty();
            List<SessionInfo> ended = sessions.terminateOtherSessions(admin, db);
            assertThat(ended).hasSameSizeAs(before);
            assertThat(isAlive(victim)).isFalse();
        }
    }

    private static boolean isAlive(Connection c) {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT 1")) {
            return r.next();
        } catch (SQLException e) {
            return false;
        }
    }

    private boolean tableExists(Connection c, String name) throws SQLException {
        return dialect().tables(c).stream().anyMatch(t -> t.name().equals(name));
    }
}
