package dev.ferry.doctor;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.connect.Target;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TargetChecksTest {
    private static final DatabaseUrl URL = DatabaseUrl.parse("postgres://app:pw@db/shop");

    @Test
    void aProtectedEnvironmentWarnsThatWritesNeedConfirmation() {
        Target prod = new Target(URL, "environment prod", Optional.of("prod"), true);
        DoctorCheck check = TargetChecks.protectedWrites(prod, false).orElseThrow();
        assertThat(check.status()).isEqualTo(CheckStatus.WARN);
        assertThat(check.detail()).isEqualTo("environment 'prod' is protected: writes need --yes or the typed name");
        assertThat(check.hint()).contains("--yes", "type prod");
        assertThat(TargetChecks.protectedWrites(prod, true).orElseThrow().status()).isEqualTo(CheckStatus.INFO);
    }

    @Test
    void anUnprotectedDatabaseHasNoLine() {
        assertThat(TargetChecks.protectedWrites(new Target(URL, "--url", Optional.empty(), false), false)).isEmpty();
        assertThat(TargetChecks.protectedWrites(null, false)).isEmpty();
    }
}
