package dev.ferry.mysql;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.Database;
import dev.ferry.testkit.TestMariaDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MySqlConnectIT {
    private static final String USER = "ferry_pw_" + UUID.randomUUID().toString().substring(0, 6);
    private final MySqlDialect dialect = new MySqlDialect();
    private final String password = "pw-" + UUID.randomUUID();

    @BeforeAll
    static void createUser() {
        TestMariaDb.execute("CREATE USER '" + USER + "'@'%' IDENTIFIED BY 'the-right-one'");
    }

    @AfterAll
    static void dropUser() {
        TestMariaDb.execute("DROP USER '" + USER + "'@'%'");
    }

    private FerryException failure(String url) {
        try (Database db = dialect.open(DatabaseUrl.parse(url))) {
            return catchThrowableOfType(FerryException.class, () -> db.connect().close());
        }
    }

    private String host() {
        DatabaseUrl s = TestMariaDb.server();
        return s.host().orElse("127.0.0.1") + ":" + s.port().orElse(3306);
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailureThatHidesThePassword() {
        FerryException e = failure("mysql://" + USER + ":" + password + "@" + host() + "/");
        assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
        assertThat(e.getMessage()).contains("authentication failed", USER).doesNotContain(password);
    }

    @Test
    void unknownDatabaseIsNamed() {
        FerryException e = failure(TestMariaDb.url("no_such_db_" + UUID.randomUUID().toString().substring(0, 6)));
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_DATABASE);
        assertThat(e.getMessage()).contains("does not exist");
    }

    @Test
    void refusedPortNamesHostAndPort() {
        FerryException e = failure("mariadb://app:" + password + "@127.0.0.1:1/x");
        assertThat(e.code()).isEqualTo(ErrorCode.CONNECT);
        assertThat(e.getMessage()).contains("127.0.0.1:1", "connection refused").doesNotContain(password);
    }
}
