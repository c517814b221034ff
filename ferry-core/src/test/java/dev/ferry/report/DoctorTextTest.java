package dev.ferry.report;

import dev.ferry.doctor.CheckStatus;
import dev.ferry.doctor.DoctorCheck;
import dev.ferry.doctor.DoctorResult;
import dev.ferry.spi.ServerInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DoctorTextTest {

    @Test
    void oneVerdictPerLineHintsUnderneathAndTheCountsAtTheEnd() {
        DoctorResult result = new DoctorResult("postgres://app:***@db/shop", new ServerInfo("PostgreSQL", "17.2", 17, "shop", 1, "app"), List.of(
                new DoctorCheck("connection", CheckStatus.OK, "PostgreSQL 17.2", null),
                new DoctorCheck("tables", CheckStatus.INFO, "empty: no tables", null),
                new DoctorCheck("protected", CheckStatus.WARN, "environment 'prod' is protected", "pass --yes"),
                new DoctorCheck("disk", CheckStatus.FAIL, "1.0 MB free", "free 1.0 MB there")));
        assertThat(DoctorText.render(result, Ansi.OFF)).isEqualTo("""
                ferry doctor  postgres://app:***@db/shop
                  OK    connection  PostgreSQL 17.2
                  INFO  tables      empty: no tables
                  WARN  protected   environment 'prod' is protected
                                    hint: pass --yes
                  FAIL  disk        1.0 MB free
                                    hint: free 1.0 MB there
                1 failed, 1 warning
                """);
    }
}
