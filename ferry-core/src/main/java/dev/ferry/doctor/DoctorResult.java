package dev.ferry.doctor;

import dev.ferry.spi.ServerInfo;

import java.util.List;

/** What {@code ferry doctor} found: the server, then one check per line. */
public record DoctorResult(String url, ServerInfo server, List<DoctorCheck> checks) {

    public boolean failed() {
        return checks.stream().anyMatch(c -> c.status() == CheckStatus.FAIL);
    }
}
