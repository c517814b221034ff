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

    @Test
    void aPostgresUrlAtAMariaDbPortSaysTheServerDidNotAnswerAsPostgres() {
        DatabaseUrl mariadb = dev.ferry.testkit.TestMariaDb.server();
        String endpoint = mariadb.host().orElse("127.0.0.1") + ":" + mariadb.port().orElse(3306);
        FerryException e = failure("postgres://app:" + password + "@" + endpoint + "/x");
        assertThat(e.code()).isEqualTo(ErrorCode.CONNECT);
        assertThat(e.getMessage()).contains("the server at " + endpoint + " did not answer as PostgreSQL", "MySQL/MariaDB")
                .doesNotContain("SSL", password);
        assertThat(e.hint().orElseThrow()).contains("mysql://", "5432");
    }

    @Test
    void anUnknownUrlParameterIsRejectedNamingItAndTheAcceptedOnes() {
        FerryException e = catchThrowableOfType(FerryException.class,
                () -> dialect.open(DatabaseUrl.parse(TestPostgres.url("postgres") + "?sslmod=require&foo=bar")).close());
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_URL);
        assertThat(e.getMessage()).contains("'sslmod'", "'foo'");
        assertThat(e.hint().orElseThrow()).contains("sslmode", "sslrootcert", "application_name", "connectTimeout", "options", "currentSchema");
    }

    @Test
    void theParametersUsersWriteReachTheServer() throws Exception {
        String url = TestPostgres.url("postgres") + "?sslmode=disable&application_name=ferry_it_app&connectTimeout=5"
                + "&options=-c%20statement_timeout%3D4321&currentSchema=pg_catalog";
        try (Database db = dialect.open(DatabaseUrl.parse(url)); Connection c = db.connect();
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("select current_setting('application_name'), current_setting('statement_timeout'), current_schema()")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("ferry_it_app");
            assertThat(r.getString(2)).isEqualTo("4321ms");
            assertThat(r.getString(3)).isEqualTo("pg_catalog");
        }
    }
}
