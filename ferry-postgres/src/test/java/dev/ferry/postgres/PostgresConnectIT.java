package dev.ferry.postgres;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.Database;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Each way a connection fails becomes one clear FerryException, without the password. */
class PostgresConnectIT {
    private final PostgresDialect dialect = new PostgresDialect();
    private final String password = "pw-" + UUID.randomUUID();

    private FerryException failure(String url) {
        try (Database db = dialect.open(DatabaseUrl.parse(url))) {
            return catchThrowableOfType(FerryException.class, () -> db.connect().close());
        }
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailureThatHidesThePassword() {
        TestPostgres.createPasswordUser("the-right-one");
        FerryException e = failure("postgres://" + TestPostgres.PASSWORD_USER + ":" + password + "@localhost:" + TestPostgres.port() + "/postgres");
        assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
        assertThat(e.exitCode().code()).isEqualTo(3);
        assertThat(e.getMessage()).contains("authentication failed", TestPostgres.PASSWORD_USER).doesNotContain(password);
    }

    @Test
    void rightPasswordConnects() throws Exception {
        TestPostgres.createPasswordUser(password);
        try (Database db = dialect.open(DatabaseUrl.parse("postgres://" + TestPostgres.PASSWORD_USER + ":" + password + "@localhost:" + TestPostgres.port() + "/postgres"));
             Connection c = db.connect()) {
            assertThat(dialect.serverInfo(c).user()).isEqualTo(TestPostgres.PASSWORD_USER);
        }
    }

    @Test
    void unknownDatabaseIsNamed() {
        FerryException e = failure(TestPostgres.url("no_such_db"));
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_DATABASE);
        assertThat(e.getMessage()).contains("'no_such_db' does not exist");
    }

    @Test
    void refusedPortNamesHostAndPort() {
        FerryException e = failure("postgres://app:" + password + "@127.0.0.1:1/x");
        assertThat(e.code()).isEqualTo(ErrorCode.CONNECT);
        assertThat(e.getMessage()).contains("127.0.0.1:1", "connection refused").doesNotContain(password);
    }

    @Test
    void unknownHostIsNamed() {
        FerryException e = failure("postgres://app@no-such-host.invalid:5432/x");
        assertThat(e.code()).isEqualTo(ErrorCode.CONNECT);
        assertThat(e.getMessage()).contains("unknown host 'no-such-host.invalid'");
    }
}
