package dev.ferry.connect;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

class DatabaseUrlTest {

    @ParameterizedTest
    @CsvSource({
            "postgres://app:pw@db:5432/shop, POSTGRES, NETWORK",
            "postgresql://app:pw@db/shop, POSTGRES, NETWORK",
            "jdbc:postgresql://db:5432/shop?user=app&password=pw, POSTGRES, NETWORK",
            "mysql://app:pw@db:3306/shop, MYSQL, NETWORK",
            "mariadb://app:pw@db/shop, MYSQL, NETWORK",
            "jdbc:mariadb://db:3306/shop?user=app&password=pw, MYSQL, NETWORK",
            "jdbc:mysql://db:3306/shop?user=app&password=pw, MYSQL, NETWORK",
            "sqlite:data/app.db, SQLITE, FILE",
            "jdbc:sqlite:/var/app.db, SQLITE, FILE",
            "embedded:postgres, POSTGRES, EMBEDDED",
            "embedded:postgres?dir=/tmp/pg, POSTGRES, EMBEDDED",
            "docker://shop-db/shop, POSTGRES, DOCKER",
            "mongodb://app:pw@h1:27017/shop, MONGODB, NETWORK",
            "mongodb+srv://app:pw@cluster0.example.net/shop, MONGODB, NETWORK"})
    void parsesEveryFormOfTheContract(String text, Engine engine, UrlForm form) {
        DatabaseUrl url = DatabaseUrl.parse(text);
        assertThat(url.engine()).isEqualTo(engine);
        assertThat(url.form()).isEqualTo(form);
        assertThat(url.redacted()).doesNotContain(":pw@", "password=pw");
    }

    @Test
    void takesEveryPartOfANetworkUrl() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:s3cret@db.example.com:6543/shop?sslmode=require&connectTimeout=5");
        assertThat(url.user()).contains("app");
        assertThat(url.password()).contains("s3cret");
        assertThat(url.host()).contains("db.example.com");
        assertThat(url.port()).hasValue(6543);
        assertThat(url.database()).contains("shop");
        assertThat(url.params()).containsExactly(entry("sslmode", "require"), entry("connectTimeout", "5"));
        assertThat(url.redacted()).isEqualTo("postgres://app:***@db.example.com:6543/shop?sslmode=require&connectTimeout=5");
        assertThat(url.toString()).isEqualTo(url.redacted());
        assertThat(url.endpoint()).isEqualTo("db.example.com:6543");
    }

    @Test
    void percentDecodesUserAndPasswordButKeepsPlus() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app%40corp:p%40ss%3Aw+rd@db/shop");
        assertThat(url.user()).contains("app@corp");
        assertThat(url.password()).contains("p@ss:w+rd");
        assertThat(url.redacted()).doesNotContain("p@ss", "w+rd");
    }

    @Test
    void anUnencodedAtInThePasswordIsTakenUpToTheLastAt() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:p@ss@db:5432/shop");
        assertThat(url.password()).contains("p@ss");
        assertThat(url.host()).contains("db");
    }

    @Test
    void jdbcUserAndPasswordParametersBecomeCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db/shop?user=app&password=s3cret&sslmode=verify-full");
        assertThat(url.user()).contains("app");
        assertThat(url.password()).contains("s3cret");
        assertThat(url.params()).containsOnlyKeys("sslmode");
        assertThat(url.redacted()).isEqualTo("jdbc:postgresql://app:***@db/shop?sslmode=verify-full");
    }

    @Test
    void secretParametersArePrintedMasked() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app@db/shop?sslpassword=keypass");
        assertThat(url.redacted()).isEqualTo("postgres://app@db/shop?sslpassword=***");
    }

    @Test
    void ipv6HostsKeepTheirBrackets() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app@[::1]:5433/shop");
        assertThat(url.host()).contains("[::1]");
        assertThat(url.port()).hasValue(5433);
    }

    @Test
    void embeddedTakesADirectoryAndDockerAContainer() {
        assertThat(DatabaseUrl.parse("embedded:postgres?dir=.ferry/other").path()).contains(".ferry/other");
        assertThat(DatabaseUrl.parse("embedded:postgres").path()).isEmpty();
        DatabaseUrl docker = DatabaseUrl.parse("docker://shop-db/shop");
        assertThat(docker.host()).contains("shop-db");
        assertThat(docker.database()).contains("shop");
        assertThat(docker.endpoint()).isEqualTo("container shop-db");
        DatabaseUrl withUser = DatabaseUrl.parse("docker://app:s3cret@shop-db/shop");
        assertThat(withUser.host()).contains("shop-db");
        assertThat(withUser.user()).contains("app");
        assertThat(withUser.password()).contains("s3cret");
        assertThat(withUser.redacted()).isEqualTo("docker://app:***@shop-db/shop");
    }

    @Test
    void sqlitePathsAreKeptAsWritten() {
        assertThat(DatabaseUrl.parse("sqlite:./data/app.db").path()).contains("./data/app.db");
        assertThat(DatabaseUrl.parse("jdbc:sqlite:/abs/app.db").path()).contains("/abs/app.db");
        assertThat(DatabaseUrl.parse("sqlite:/abs/app.db").redacted()).isEqualTo("sqlite:/abs/app.db");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nonsense://", "oracle://u@h/db", "http://example.com", "", "   "})
    void rejectsUnknownFormsListingTheAcceptedOnes(String text) {
        FerryException e = catchThrowableOfType(FerryException.class, () -> DatabaseUrl.parse(text));
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_URL);
        assertThat(e.exitCode().code()).isEqualTo(2);
        assertThat(e.getMessage()).contains("postgres://", "mysql://", "sqlite:PATH", "embedded:postgres", "docker://", "mongodb://");
    }

    @Test
    void aRejectedUrlDoesNotEchoItsPassword() {
        FerryException e = catchThrowableOfType(FerryException.class, () -> DatabaseUrl.parse("oracle://scott:tiger99@h/db"));
        assertThat(e.getMessage()).contains("oracle://scott:***@h/db").doesNotContain("tiger99");
    }

    @Test
    void badPortsAndEmptyPartsAreNamed() {
        assertThat(catchThrowableOfType(FerryException.class, () -> DatabaseUrl.parse("postgres://u:pw@h:abc/db")).getMessage())
                .contains("port 'abc'").doesNotContain(":pw@");
        assertThat(catchThrowableOfType(FerryException.class, () -> DatabaseUrl.parse("sqlite:")).getMessage()).contains("names no file");
        assertThat(catchThrowableOfType(FerryException.class, () -> DatabaseUrl.parse("docker://only-container")).hint())
                .hasValueSatisfying(h -> assertThat(h).contains("docker://CONTAINER/DB"));
        assertThat(catchThrowableOfType(FerryException.class, () -> DatabaseUrl.parse("embedded:postgres?port=1")).getMessage())
                .contains("not 'port'");
    }

    @Test
    void equalUrlsAreEqualWhateverTheirPasswordsLookLikeInPrint() {
        assertThat(DatabaseUrl.parse("postgres://a:x@h/d")).isEqualTo(DatabaseUrl.parse("postgres://a:x@h/d"))
                .isNotEqualTo(DatabaseUrl.parse("postgres://a:y@h/d"));
        assertThat(DatabaseUrl.parse("postgres://a:x@h/d").withDatabase("other").database()).contains("other");
    }

    @Test
    void embeddedPostgresRejectsAPasswordOrAnyOtherParameter() {
        for (String url : new String[] {"embedded:postgres?password=x", "embedded:postgres?user=app", "embedded:postgres?dir=x&sslmode=require"}) {
            FerryException e = org.assertj.core.api.Assertions.catchThrowableOfType(FerryException.class, () -> DatabaseUrl.parse(url));
            assertThat(e).as(url).isNotNull();
            assertThat(e.getMessage()).contains("embedded:postgres takes the parameters dir and database");
        }
        assertThat(DatabaseUrl.parse("embedded:postgres?dir=data&database=shop").database()).contains("shop");
    }
}
