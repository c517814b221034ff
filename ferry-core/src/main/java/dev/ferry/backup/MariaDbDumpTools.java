package dev.ferry.backup;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.doctor.ToolProbe;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.Database;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MariaDB's own mariadb-dump (or MySQL's mysqldump) and its client for backups in the
 * {@code mariadb-dump} format: the connection on the command line, the password only in
 * {@code MYSQL_PWD} in the child's environment, never on a command line.
 */
final class MariaDbDumpTools {
    private final ClientTools tools;

    MariaDbDumpTools(ClientTools tools) {
        this.tools = tools;
    }

    /** The dump tool, preferring MariaDB's name; a clear error, before anything is written, when neither is installed. */
    ToolProbe.Found dumpTool() {
        return first("mariadb-dump", "mysqldump");
    }

    /** {@code mariadb-dump --single-transaction} of {@code source} (one consistent snapshot of its InnoDB tables) into {@code file}. */
    void dump(Database source, ToolProbe.Found tool, Path file) {
        DatabaseUrl url = source.url();
        List<String> command = new ArrayList<>(List.of(tool.path().toString(), "--single-transaction", "--routines", "--triggers", "--events", "--hex-blob"));
        command.addAll(connection(url));
        command.add(url.database().orElseThrow(() -> new FerryException(ErrorCode.USAGE, url.redacted() + " names no database to dump",
                "add the database to the URL, e.g. mysql://USER@HOST:3306/DB")));
        new ChildProcess(command, environment(url), secrets(url)).runInto(file, tool.path() + " " + tool.version() + " of " + url.redacted());
    }

    /** The dump's SQL run by the mariadb client into the empty {@code target}, stopping at the first error. */
    void restore(Path file, Database target) {
        ToolProbe.Found client = first("mariadb", "mysql");
        DatabaseUrl url = target.url();
        List<String> command = new ArrayList<>(List.of(client.path().toString(), "--batch"));
        command.addAll(connection(url));
        command.add(url.database().orElseThrow());
        new ChildProcess(command, environment(url), secrets(url)).runFrom(file, client.path() + " " + client.version() + " into " + url.redacted());
    }

    private ToolProbe.Found first(String... commands) {
        for (String command : commands) {
            List<ToolProbe.Found> found = tools.versions(command);
            if (!found.isEmpty()) {
                return found.get(0);
            }
        }
        throw new FerryException(ErrorCode.UNSUPPORTED, String.join(" and ", commands) + " are not on PATH",
                "install the MariaDB client tools (Debian: mariadb-client), or take a native backup (ferry backup without --format)");
    }

    private static List<String> connection(DatabaseUrl url) {
        List<String> args = new ArrayList<>();
        args.add("--protocol=TCP"); // as Ferry itself connects: "localhost" would otherwise mean the local socket
        args.add("--host=" + url.host().orElse("localhost"));
        url.port().ifPresent(p -> args.add("--port=" + p));
        url.user().ifPresent(u -> args.add("--user=" + u));
        return args;
    }

    private Map<String, String> environment(DatabaseUrl url) {
        Map<String, String> env = new HashMap<>(tools.environment());
        url.password().ifPresent(p -> env.put("MYSQL_PWD", p));
        return env;
    }

    private static List<String> secrets(DatabaseUrl url) {
        return url.password().map(List::of).orElse(List.of());
    }
}
