package dev.ferry.doctor;

import dev.ferry.spi.ClientTool;
import dev.ferry.spi.ServerInfo;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether a client tool Ferry may run (pg_dump, pg_restore, mariadb-dump) is installed and, for
 * one that refuses servers newer than itself, new enough: the version {@code ferry backup --format
 * pg_dump} would pick is the lowest installed major that reaches the server's.
 */
final class ToolCheck {
    private final ToolVersions tools;

    ToolCheck(ToolVersions tools) {
        this.tools = tools;
    }

    /** @param needed false when the backups to come are native: a tool too old for the server is a warning, not a failure */
    DoctorCheck check(ClientTool tool, ServerInfo server, boolean needed) {
        for (String command : tool.commands()) {
            List<ToolProbe.Found> found = tools.of(command);
            if (!found.isEmpty()) {
                DoctorCheck check = tool.mustReachServerMajor() ? reaching(command, tool, found, server) : ok(command, found.get(0), tool, server, "");
                return needed || check.status() != CheckStatus.FAIL ? check : new DoctorCheck(check.name(), CheckStatus.WARN,
                        check.detail() + "; the backups to come use Ferry's native format, which needs none", null);
            }
        }
        return new DoctorCheck(tool.commands().get(0), CheckStatus.WARN, "not found (looked for " + String.join(", ", tool.commands()) + ")",
                "install the " + server.product() + " client tools to " + tool.purpose() + " with them");
    }

    private static DoctorCheck reaching(String command, ClientTool tool, List<ToolProbe.Found> found, ServerInfo server) {
        Optional<ToolProbe.Found> fit = found.stream().filter(f -> f.major() >= server.majorVersion())
                .min(Comparator.comparingInt(ToolProbe.Found::major));
        if (fit.isPresent()) {
            ToolProbe.Found first = found.get(0);
            String passedOver = first.major() < server.majorVersion() ? " (" + first.path() + " " + first.version() + " is older; Ferry uses this one)" : "";
            return ok(command, fit.get(), tool, server, passedOver);
        }
        ToolProbe.Found newest = found.stream().max(Comparator.comparingInt(ToolProbe.Found::major)).orElseThrow();
        List<String> versions = found.stream().map(ToolProbe.Found::version).distinct().toList();
        String others = versions.size() == 1 ? "" : "; found " + found.stream().map(f -> f.version() + " (" + f.path() + ")").collect(Collectors.joining(", "));
        return new DoctorCheck(command, CheckStatus.FAIL, newest.path() + " " + newest.version() + " is older than the " + server.product() + " "
                + server.version() + " server and cannot " + tool.purpose() + " it" + others,
                "install the " + server.product() + " " + server.majorVersion() + " client tools (for example postgresql-client-"
                        + server.majorVersion() + "; Ferry finds them in /usr/lib/postgresql/" + server.majorVersion() + "/bin or first on PATH),"
                        + " or let Ferry use its native format (ferry backup without --format pg_dump), which needs neither tool and reads any server version");
    }

    private static DoctorCheck ok(String command, ToolProbe.Found f, ClientTool tool, ServerInfo server, String note) {
        return new DoctorCheck(command, CheckStatus.OK, f.path() + " " + f.version() + ", can " + tool.purpose() + " this " + server.product()
                + " " + server.majorVersion() + " server" + note, null);
    }
}
