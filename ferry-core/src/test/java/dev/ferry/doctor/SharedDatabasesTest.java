package dev.ferry.doctor;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.connect.EnvironmentConfig;
import dev.ferry.connect.Variables;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SharedDatabasesTest {
    private static final String PASSWORD = "Pr0d-S3cret";

    private static EnvironmentConfig env(String url) {
        return new EnvironmentConfig(url, false, false);
    }

    private static EnvironmentConfig shared(String url) {
        return new EnvironmentConfig(url, false, true);
    }

    private static List<DoctorCheck> check(Map<String, String> variables, Object... namesAndEnvironments) {
        Map<String, EnvironmentConfig> environments = new LinkedHashMap<>();
        for (int i = 0; i < namesAndEnvironments.length; i += 2) {
            environments.put((String) namesAndEnvironments[i], (EnvironmentConfig) namesAndEnvironments[i + 1]);
        }
        return SharedDatabases.check(environments, new Variables(variables, Map.of()));
    }

    @Test
    void twoEnvironmentsOnOneDatabaseFailAndNoPasswordIsShown() {
        List<DoctorCheck> checks = check(Map.of("PROD_URL", "postgres://app:" + PASSWORD + "@db.internal/shop"),
                "staging", env("postgres://ci@db.internal:5432/shop"), "prod", env("${PROD_URL}"));
        assertThat(checks).hasSize(1);
        DoctorCheck c = checks.get(0);
        assertThat(c.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(c.name()).isEqualTo("sharing");
        assertThat(c.detail()).contains("'staging'", "'prod'", "point at the same database", "PostgreSQL db.internal:5432/shop",
                "neither says shared: true", "postgres://app:***@db.internal");
        assertThat(c.detail() + c.hint()).doesNotContain(PASSWORD);
        assertThat(c.hint()).contains("shared: true");
    }

    @Test
    void bothMarkedSharedIsAnOkLineAndOneMarkedIsNotEnough() {
        DoctorCheck both = check(Map.of(), "a", shared("postgres://h/db"), "b", shared("postgres://h:5432/db")).get(0);
        assertThat(both.status()).isEqualTo(CheckStatus.OK);
        assertThat(both.detail()).contains("on purpose");
        DoctorCheck one = check(Map.of(), "a", shared("postgres://h/db"), "b", env("postgres://h/db")).get(0);
        assertThat(one.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(one.detail()).contains("'b' does not say shared: true");
    }

    @Test
    void everyPairIsReported() {
        List<DoctorCheck> checks = check(Map.of(), "a", env("postgres://h/db"), "b", env("postgres://h/db"), "c", env("postgres://H:5432/db"),
                "d", env("postgres://h/other"));
        assertThat(checks).extracting(DoctorCheck::status).containsExactly(CheckStatus.FAIL, CheckStatus.FAIL, CheckStatus.FAIL);
        assertThat(checks).extracting(DoctorCheck::detail).anyMatch(d -> d.contains("'a'") && d.contains("'c'"))
                .anyMatch(d -> d.contains("'b'") && d.contains("'c'")).noneMatch(d -> d.contains("'d'"));
    }

    @Test
    void separateDatabasesAreOneOkLineAndASingleEnvironmentNone() {
        List<DoctorCheck> checks = check(Map.of(), "a", env("postgres://h/db"), "b", env("postgres://h:5433/db"), "c", env("mysql://h/db"),
                "d", env("postgres://other/db"), "e", env("sqlite:a.db"), "f", env("sqlite:b.db"));
        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(CheckStatus.OK);
            assertThat(c.detail()).contains("6 environments, each on a database of its own");
        });
        assertThat(check(Map.of(), "a", env("postgres://h/db"))).isEmpty();
    }

    @Test
    void anUnsetVariableIsAWarningNotACrash() {
        List<DoctorCheck> checks = check(Map.of(), "dev", env("postgres://h/dev"), "prod", env("${PROD_DATABASE_URL}"));
        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(CheckStatus.WARN);
            assertThat(c.detail()).contains("environment 'prod'", "PROD_DATABASE_URL");
            assertThat(c.hint()).contains("PROD_DATABASE_URL");
        });
    }

    @Test
    void loopbackNamesDefaultPortsAndTheUsersDatabaseAreOneDatabase() {
        assertThat(SharedDatabases.key(DatabaseUrl.parse("postgres://a@localhost/shop")))
                .isEqualTo(SharedDatabases.key(DatabaseUrl.parse("postgresql://b@127.0.0.1:5432/shop")))
                .isEqualTo(SharedDatabases.key(DatabaseUrl.parse("jdbc:postgresql://[::1]:5432/shop")))
                .isEqualTo(SharedDatabases.key(DatabaseUrl.parse("postgres://shop@LOCALHOST")));
        assertThat(SharedDatabases.key(DatabaseUrl.parse("mysql://root@localhost/shop")))
                .isEqualTo(SharedDatabases.key(DatabaseUrl.parse("mariadb://root@127.0.0.1:3306/shop")))
                .isNotEqualTo(SharedDatabases.key(DatabaseUrl.parse("postgres://root@localhost/shop")));
    }
}
