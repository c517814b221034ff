package dev.ferry.doctor;

import dev.ferry.backup.ClientTools;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Formats;
import dev.ferry.spi.ClientTool;
import dev.ferry.spi.Database;
import dev.ferry.spi.ServerInfo;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry doctor}, and the preflight of a cutover plan: can Ferry reach the database, are the
 * client tools it may run there and new enough for the server, is there room for a backup, is the
 * target empty, does its history agree with the migrations (and, asked, its schema with them), is
 * it protected, do two environments share it. Each answer is a {@link DoctorCheck}; any FAIL makes
 * the result {@link DoctorResult#failed() failed}. Only the connection itself throws (exit 3).
 *
 * <pre>{@code
 * DoctorService doctor = new DoctorService(System.getenv());
 * DoctorResult r = doctor.run(database, Preflight.backupsTo(Path.of("backups")).history(workspace));
 * }</pre>
 *
 * <p>The tool versions and the free space come through {@link ToolVersions} and {@link FreeSpace},
 * so tests can give a pg_dump of any version and a disk of any size. The "less than twice the
 * database" failure is tested that way only: a disk cannot be filled in a test, nor a small one
 * mounted on the build machine; the integration test sees the real figure pass.
 */
public final class DoctorService {
    private final ToolCheck tools;
    private final FreeSpace freeSpace;

    /** The real machine: tools on {@code environment}'s PATH and in the versioned directories {@code ferry backup} searches, the real disk. */
    public DoctorService(Map<String, String> environment) {
        this(new ClientTools(environment)::versions, FreeSpace.FILE_STORE);
    }

    public DoctorService(ToolVersions tools, FreeSpace freeSpace) {
        this.tools = new ToolCheck(tools);
        this.freeSpace = freeSpace;
    }

    /** The checks every database gets, with free space measured at {@code backupDir}. */
    public DoctorResult run(Database database, Path backupDir) {
        return run(database, Preflight.backupsTo(backupDir));
    }

    /** One database's preflight: the checks every database gets, then those {@code preflight} asks for. */
    public DoctorResult run(Database database, Preflight preflight) {
        ServerInfo server = serverInfo(database);
        List<DoctorCheck> checks = new ArrayList<>();
        checks.add(new DoctorCheck("connection", CheckStatus.OK, server.product() + " " + server.version() + ", " + server.databaseLabel()
                + ", " + Formats.bytes(server.sizeBytes()), null));
        for (ClientTool tool : database.dialect().clientTools()) {
            checks.add(tools.check(tool, server, preflight.dumpToolsNeeded()));
        }
        checks.add(DiskCheck.check(preflight.backupDir(), server.sizeBytes(), freeSpace));
        checks.add(TargetChecks.tables(database));
        if (preflight.history() != null) {
            checks.addAll(HistoryCheck.check(database, preflight.history(), preflight.drift()));
        }
        TargetChecks.protectedWrites(preflight.target(), preflight.writesConfirmed()).ifPresent(checks::add);
        if (preflight.environments() != null) {
            checks.addAll(SharedDatabases.check(preflight.environments().config().environments(), preflight.environments().variables()));
        }
        return new DoctorResult(database.url().redacted(), server, checks);
    }

    private static ServerInfo serverInfo(Database database) {
        try (Connection c = database.connect()) {
            return database.dialect().serverInfo(c);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "reading the server version of " + database.url().redacted() + " failed: " + e.getMessage(), null, e);
        }
    }
}
