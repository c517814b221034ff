package dev.ferry.doctor;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Formats;
import dev.ferry.spi.ClientTool;
import dev.ferry.spi.Database;
import dev.ferry.spi.ServerInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ferry doctor}: can Ferry reach the database, are the client tools it will need there and
 * new enough for the server, and is there room for a backup.
 */
public final class DoctorService {
    private final ToolProbe tools;

    public DoctorService(ToolProbe tools) {
        this.tools = tools;
    }

    public DoctorResult run(Database database, Path backupDir) {
        ServerInfo server = serverInfo(database);
        List<DoctorCheck> checks = new ArrayList<>();
        checks.add(new DoctorCheck("connection", CheckStatus.OK,
                server.product() + " " + server.version() + ", " + server.databaseLabel() + ", " + Formats.bytes(server.sizeBytes()), null));
        for (ClientTool tool : database.dialect().clientTools()) {
            checks.add(checkTool(tool, server));
        }
        checks.add(checkDisk(backupDir, server.sizeBytes()));
        return new DoctorResult(database.url().redacted(), server, checks);
    }

    private static ServerInfo serverInfo(Database database) {
        try (Connection c = database.connect()) {
            return database.dialect().serverInfo(c);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "reading the server version of " + database.url().redacted() + " failed: " + e.getMessage(), null, e);
        }
    }

    DoctorCheck checkTool(ClientTool tool, ServerInfo server) {
        String name = tool.commands().get(0);
        for (String command : tool.commands()) {
            Optional<ToolProbe.Found> found = tools.probe(command);
            if (found.isEmpty()) {
                continue;
            }
            ToolProbe.Found f = found.get();
            if (tool.mustReachServerMajor() && f.major() < server.majorVersion()) {
                return new DoctorCheck(command, CheckStatus.WARN,
                        f.path() + " is version " + f.version() + " and cannot " + tool.purpose() + " a " + server.product() + " " + server.majorVersion() + " server",
                        "install the " + server.product() + " " + server.majorVersion() + " client tools (for example postgresql-client-" + server.majorVersion() + ") and put them first on PATH");
            }
            return new DoctorCheck(command, CheckStatus.OK, f.path() + " " + f.version() + ", can " + tool.purpose() + " this server", null);
        }
        return new DoctorCheck(name, CheckStatus.WARN, "not on PATH (looked for " + String.join(", ", tool.commands()) + ")",
                "install the " + server.product() + " client tools to " + tool.purpose() + " with them");
    }

    static DoctorCheck checkDisk(Path backupDir, long databaseBytes) {
        Path existing = backupDir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return new DoctorCheck("disk", CheckStatus.WARN, "cannot find where " + backupDir + " would be", null);
        }
        try {
            long free = Files.getFileStore(existing).getUsableSpace();
            String detail = Formats.bytes(free) + " free at " + existing + " (backups go to " + backupDir + ")";
            if (databaseBytes > 0 && free < databaseBytes * 2) {
                return new DoctorCheck("disk", CheckStatus.WARN, detail + ", less than twice the database's " + Formats.bytes(databaseBytes),
                        "free space or choose another backup directory with --out");
            }
            return new DoctorCheck("disk", CheckStatus.OK, detail, null);
        } catch (IOException e) {
            return new DoctorCheck("disk", CheckStatus.WARN, "cannot read free space at " + existing + ": " + e.getMessage(), null);
        }
    }
}
