package dev.ferry.backup;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.doctor.ToolProbe;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Progress;
import dev.ferry.schema.model.SchemaModel;
import dev.ferry.spi.BulkCopy;
import dev.ferry.spi.Database;
import dev.ferry.spi.SchemaInspection;
import dev.ferry.spi.ServerInfo;
import dev.ferry.stream.StreamCount;
import dev.ferry.stream.TableParts;
import dev.ferry.stream.TableRef;
import dev.ferry.stream.TableStreams;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * {@code ferry backup --format pg_dump} or {@code mariadb-dump}, and any backup through a {@code docker://}
 * URL: the dump is the database's own ({@code pg_dump -Fc}, run here or inside the container, or
 * {@code mariadb-dump --single-transaction}), and the manifest holds
 * the same per-table rows and checksums as a native backup's, computed by restoring the dump into a
 * scratch database and reading every table there with the table-stream engine; so a native backup
 * and a pg_dump backup of one database list equal checksums. Written under a temporary name and
 * renamed when complete, like a native backup.
 *
 * <pre>{@code
 * BackupResult r = new DumpBackup(Path.of("backups"), 2, progress, new ClientTools(System.getenv()))
 *         .pgDump(database, major -> shadows.shadow(major));
 * }</pre>
 */
public final class DumpBackup {
    /** The format name of a pg_dump backup in its manifest. */
    public static final String PG_DUMP = "pg_dump";
    /** The format name of a mariadb-dump backup in its manifest. */
    public static final String MARIADB_DUMP = "mariadb-dump";
    static final String DUMP_FILE = "dump.pgdump";
    static final String SQL_FILE = "dump.sql";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path out;
    private final int jobs;
    private final Progress progress;
    private final ClientTools tools;

    public DumpBackup(Path out, int jobs, Progress progress, ClientTools tools) {
        this.out = out;
        this.jobs = Math.max(1, jobs);
        this.progress = progress;
        this.tools = tools;
    }

    /** Whether a backup's data is a dump of the database's own tool rather than Ferry's streams. */
    public static boolean isDump(Manifest m) {
        return PG_DUMP.equals(m.format()) || MARIADB_DUMP.equals(m.format());
    }

    /**
     * pg_dump of {@code source}, by the installed pg_dump of the lowest major that can read it.
     *
     * @param scratch a new empty database of the given server major, to compute the manifest in; closed here
     */
    public BackupResult pgDump(Database source, IntFunction<Database> scratch) {
        ServerInfo server = serverInfo(source);
        PgDumpTools pg = new PgDumpTools(tools);
        ToolProbe.Found pgDump = pg.pgDumpFor(server.majorVersion());
        return write(PG_DUMP, source.url(), file -> {
            pg.dump(source, pgDump, file);
            return new Server(server.product() + " " + server.version(), server.majorVersion());
        }, scratch);
    }

    /** pg_dump run inside the container a {@code docker://CONTAINER/DB} URL names; its output streamed out into the backup. */
    public BackupResult pgDumpInContainer(DatabaseUrl url, IntFunction<Database> scratch) {
        PgDumpTools pg = new PgDumpTools(tools);
        Path docker = pg.docker();
        return write(PG_DUMP, url, file -> {
            pg.dumpInContainer(docker, url, file);
            // the server's version is known here only from what the archive says it was dumped from
            String version = pg.dumpedFrom(file);
            return new Server("PostgreSQL " + version, Integer.parseInt(version.replaceAll("^(\\d+).*", "$1")));
        }, scratch);
    }

    /**
     * mariadb-dump (or mysqldump) of {@code source}, {@code --single-transaction}.
     *
     * @param scratch a new empty database, to compute the manifest in; closed here
     */
    public BackupResult mariadbDump(Database source, IntFunction<Database> scratch) {
        // the manifest's checksums are the engine's, read from the restored dump: refused up front where the engine cannot read these tables
        source.dialect().require(BulkCopy.class, "read tables as streams yet, which a mariadb-dump backup's manifest needs; take a native backup");
        ServerInfo server = serverInfo(source);
        MariaDbDumpTools tool = new MariaDbDumpTools(tools);
        ToolProbe.Found dump = tool.dumpTool();
        return write(MARIADB_DUMP, source.url(), file -> {
            tool.dump(source, dump, file);
            return new Server(server.product() + " " + server.version(), server.majorVersion());
        }, scratch);
    }

    private static ServerInfo serverInfo(Database source) {
        try (Connection c = source.connect()) {
            return source.dialect().serverInfo(c);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "reading the server version of " + source.url().redacted() + " failed: " + e.getMessage(), null, e);
        }
    }

    /** The server a dump was taken of, as the manifest names it. */
    private record Server(String description, int major) {
    }

    /** Writes the dump into a file and says which server it read. */
    private interface Dump {
        Server into(Path file);
    }

    private BackupResult write(String format, DatabaseUrl url, Dump dump, IntFunction<Database> scratch) {
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Path dir = BackupService.unused(out, BackupService.safe(url.database().orElse("db")) + "-" + STAMP.format(started));
        String name = dir.getFileName().toString();
        Path partial = out.resolve("." + name + ".partial");
        try {
            Files.createDirectories(out);
            Files.createDirectory(partial); // fails rather than share a directory with another backup of the same second
            Server server = dump.into(partial.resolve(file(format)));
            List<Manifest.TableEntry> entries;
            String dialect;
            try (Database db = scratch.apply(server.major())) {
                restore(format, partial, db, server.major(), jobs, true, tools);
                entries = entries(db);
                dialect = db.dialect().name();
            }
            Manifest manifest = new Manifest(BackupService.version(), format, dialect, server.description(), server.major(), url.database().orElse(null),
                    url.redacted(), started.toString(), Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), "xxh64-sum", entries, List.of());
            BackupService.complete(partial, dir, manifest, readme(manifest));
            return new BackupResult(dir.toString(), manifest);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "writing the backup under " + out + " failed: " + e.getMessage()
                    + "; the unfinished backup is " + partial + " (not a backup: delete it)", null, e);
        } catch (FerryException e) {
            throw new FerryException(e.code(), e.getMessage() + "; the unfinished backup is " + partial + " (not a backup: delete it)", e.hint().orElse(null), e);
        }
    }

    private static String file(String format) {
        return format.equals(PG_DUMP) ? DUMP_FILE : SQL_FILE;
    }

    /** The dump in {@code dir} restored by the format's own tool into the empty {@code target}. */
    private static void restore(String format, Path dir, Database target, int serverMajor, int jobs, boolean scratch, ClientTools tools) {
        if (format.equals(PG_DUMP)) {
            new PgDumpTools(tools).restore(dir.resolve(DUMP_FILE), target, serverMajor, jobs, scratch);
        } else {
            new MariaDbDumpTools(tools).restore(dir.resolve(SQL_FILE), target);
        }
    }

    private static String readme(Manifest m) {
        boolean pg = m.format().equals(PG_DUMP);
        return "Ferry backup of " + m.url() + " (" + m.server() + "), taken " + m.startedAt() + ", by " + (pg ? "pg_dump in its custom format: "
                + DUMP_FILE : "mariadb-dump --single-transaction: " + SQL_FILE) + ".\n\nWith Ferry (into an empty database):\n\n"
                + "    ferry restore <this directory> --url " + (pg ? "postgres://USER@HOST/NEWDB" : "mysql://USER@HOST/NEWDB") + "\n\n"
                + (pg ? "Without Ferry, with pg_restore " + m.serverMajor() + " or newer (into an empty database):\n\n"
                + "    pg_restore --no-owner --exit-on-error -d NEWDB " + DUMP_FILE + "\n\n"
                : "Without Ferry, with the mariadb client (into an empty database):\n\n    mariadb NEWDB < " + SQL_FILE + "\n\n")
                + "manifest.json lists each table's row count and checksum (the sum of the XXH64 of each row's bytes as Ferry streams it), computed by\n"
                + "restoring the dump into a scratch database, so they equal a native backup's of the same data; ferry backup verify\n"
                + "<this directory> restores it again and compares them.\n";
    }

    /** Every table of a restored dump, read whole by the engine: rows, bytes and checksum as a native backup lists them. */
    private List<Manifest.TableEntry> entries(Database db) {
        SchemaInspection inspection = db.dialect().require(SchemaInspection.class, "read a restored dump");
        List<TableRef> tables = new ArrayList<>();
        Map<TableRef, StreamCount> counts;
        try (TableStreams.Reader reader = TableStreams.reader(db, jobs)) {
            SchemaModel model = inspection.inspectSchema(reader.connection(), null);
            TableParts.withRows(model).forEach(t -> tables.add(TableParts.whole(t)));
            counts = reader.read(tables, t -> OutputStream.nullOutputStream(), progress);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "reading the restored dump in " + db.url().redacted() + " failed: " + e.getMessage(), null, e);
        }
        List<Manifest.TableEntry> entries = new ArrayList<>();
        for (TableRef t : tables) {
            StreamCount c = counts.get(t);
            entries.add(new Manifest.TableEntry(t.schema(), t.name(), t.columns(), c.rows(), c.bytes(), c.checksum(), List.of()));
        }
        return entries;
    }

    /**
     * pg_restore of a pg_dump backup into the empty {@code target}, then every table the manifest
     * lists read back by the engine: per table the rows and checksum it holds now.
     *
     * @param scratch whether {@code target} is a scratch database (privileges are then not restored)
     */
    static Map<String, StreamCount> load(Path dir, Manifest manifest, Database target, int jobs, boolean scratch, ClientTools tools, Progress progress) {
        restore(manifest.format(), dir, target, manifest.serverMajor(), jobs, scratch, tools);
        List<TableRef> tables = manifest.tables().stream().map(t -> new TableRef(t.schema(), t.name(), t.columns())).toList();
        Map<String, StreamCount> counts = new LinkedHashMap<>();
        try (TableStreams.Reader reader = TableStreams.reader(target, jobs)) {
            reader.read(tables, t -> OutputStream.nullOutputStream(), progress).forEach((t, c) -> counts.put(t.qualifiedName(), c));
        }
        return counts;
    }
}
