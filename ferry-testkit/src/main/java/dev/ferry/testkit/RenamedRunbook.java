package dev.ferry.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The runbook whose seven migrations were renamed after deploy (moved from their January and July
 * 2025 timestamps to 20250823000001…7), as each tool's project and history table would hold it:
 * files as the tool names them, tables as the tool creates and fills them.
 */
public final class RenamedRunbook {
    /** Each renamed migration: the name it was deployed as → the name it has now. */
    public static final Map<String, String> RENAMED = renamed();
    public static final List<String> UNTOUCHED = List.of("20241201000001_create_users", "20241202000001_create_tracks");
    /** A migration added after the renames, never applied. */
    public static final String NEW_PENDING = "20250901000001_add_index_to_tracks";

    /** The tools' history tables exactly as each tool creates them on one database. */
    public record ToolTables(String rails, String prisma) {
        public static final ToolTables POSTGRES = new ToolTables(
                "CREATE TABLE \"schema_migrations\" (\"version\" character varying NOT NULL PRIMARY KEY)", """
                CREATE TABLE _prisma_migrations (
                    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
                    checksum                VARCHAR(64) NOT NULL,
                    finished_at             TIMESTAMPTZ,
                    migration_name          VARCHAR(255) NOT NULL,
                    logs                    TEXT,
                    rolled_back_at          TIMESTAMPTZ,
                    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
                    applied_steps_count     INTEGER NOT NULL DEFAULT 0
                )""");
        public static final ToolTables MARIADB = new ToolTables(
                "CREATE TABLE `schema_migrations` (`version` varchar(255) NOT NULL PRIMARY KEY)", """
                CREATE TABLE _prisma_migrations (
                    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
                    checksum                VARCHAR(64) NOT NULL,
                    finished_at             DATETIME(3),
                    migration_name          VARCHAR(255) NOT NULL,
                    logs                    TEXT,
                    rolled_back_at          DATETIME(3),
                    started_at              DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                    applied_steps_count     INTEGER UNSIGNED NOT NULL DEFAULT 0
                ) DEFAULT CHARACTER SET utf8mb4""");
        public static final ToolTables SQLITE = new ToolTables(
                "CREATE TABLE \"schema_migrations\" (\"version\" varchar NOT NULL PRIMARY KEY)", """
                CREATE TABLE "_prisma_migrations" (
                    "id"                    TEXT PRIMARY KEY NOT NULL,
                    "checksum"              TEXT NOT NULL,
                    "finished_at"           DATETIME,
                    "migration_name"        TEXT NOT NULL,
                    "logs"                  TEXT,
                    "rolled_back_at"        DATETIME,
                    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
                    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
                )""");
    }

    private RenamedRunbook() {
    }

    private static Map<String, String> renamed() {
        Map<String, String> m = new LinkedHashMap<>();
        String[] was = {"20250121000001", "20250121000002", "20250715000001", "20250715000002", "20250716000001", "20250716000002", "20250717000001"};
        String[] names = {"create_sync_status_tracking", "create_system_settings", "add_archive_sync_settings", "create_sync_changes",
                "create_slave_keys", "create_jukebox_keys", "create_conflict_logs"};
        for (int i = 0; i < was.length; i++) {
            m.put(was[i] + "_" + names[i], "2025082300000" + (i + 1) + "_" + names[i]);
        }
        return m;
    }

    /** The untouched and the renamed migrations, under the names they were deployed with. */
    public static List<String> deployed() {
        List<String> all = new ArrayList<>(UNTOUCHED);
        all.addAll(RENAMED.keySet());
        return all;
    }

    /**
     * A Rails app in {@code app} whose migrations were committed and migrated (schema_migrations as
     * Rails fills it), then renamed with git mv and committed again, with one new migration added;
     * its db/migrate directory.
     */
    public static Path railsApp(Path app, Connection c, ToolTables tables) throws IOException, SQLException {
        Path migrate = Files.createDirectories(app.resolve("db/migrate"));
        writeRailsFiles(migrate, deployed());
        git(app, "init", "-q");
        git(app, "add", ".");
        git(app, "commit", "-q", "-m", "migrations as deployed");
        railsTable(c, tables, deployed());
        for (Map.Entry<String, String> r : RENAMED.entrySet()) {
            git(app, "mv", "db/migrate/" + r.getKey() + ".rb", "db/migrate/" + r.getValue() + ".rb");
        }
        Files.writeString(migrate.resolve(NEW_PENDING + ".rb"), rubyMigration(NEW_PENDING));
        git(app, "add", ".");
        git(app, "commit", "-q", "-m", "renumber the sync migrations");
        return migrate;
    }

    public static void writeRailsFiles(Path migrate, Iterable<String> names) throws IOException {
        for (String name : names) {
            Files.writeString(migrate.resolve(name + ".rb"), rubyMigration(name));
        }
    }

    /** A migration file's content: its class, named after the file as Rails requires. */
    public static String rubyMigration(String file) {
        String className = List.of(name(file).split("_")).stream().map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
                .collect(Collectors.joining());
        return "class " + className + " < ActiveRecord::Migration[7.1]\n  def change\n  end\nend\n";
    }

    /** schema_migrations holding the versions of {@code applied}, as Rails leaves it after migrating them. */
    public static void railsTable(Connection c, ToolTables tables, Iterable<String> applied) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(tables.rails());
            for (String name : applied) {
                s.execute("INSERT INTO schema_migrations (version) VALUES ('" + version(name) + "')");
            }
        }
    }

    /**
     * A Prisma project whose deployed folders were all applied and the new one resolved as rolled
     * back, then the seven folders renamed; its prisma/migrations directory.
     */
    public static Path prismaProject(Path project, Connection c, ToolTables tables) throws IOException, SQLException {
        Path migrations = Files.createDirectories(project.resolve("prisma/migrations"));
        try (Statement s = c.createStatement()) {
            s.execute(tables.prisma());
        }
        for (String name : deployed()) {
            prismaRow(c, name, sha256(prismaFolder(migrations, name)), true, false);
        }
        prismaRow(c, NEW_PENDING, sha256(prismaFolder(migrations, NEW_PENDING)), false, true);
        for (Map.Entry<String, String> r : RENAMED.entrySet()) {
            Files.move(migrations.resolve(r.getKey()), migrations.resolve(r.getValue()));
        }
        return migrations;
    }

    /** A folder with its migration.sql; the file. */
    public static Path prismaFolder(Path migrations, String name) throws IOException {
        Path folder = Files.createDirectories(migrations.resolve(name));
        return Files.writeString(folder.resolve("migration.sql"), "-- CreateTable\n" + createTable(name));
    }

    /** A row as Prisma's migrate deploy writes it: finished, or started and never finished, or resolved as rolled back. */
    public static void prismaRow(Connection c, String name, String checksum, boolean finished, boolean rolledBack) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO _prisma_migrations"
                + " (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, "
                + (finished ? "CURRENT_TIMESTAMP" : "NULL") + ", ?, NULL, " + (rolledBack ? "CURRENT_TIMESTAMP" : "NULL") + ", CURRENT_TIMESTAMP, ?)")) {
            s.setString(1, UUID.randomUUID().toString());
            s.setString(2, checksum);
            s.setString(3, name);
            s.setInt(4, finished ? 1 : 0);
            s.executeUpdate();
        }
    }

    /** Flyway's files as deployed (V<timestamp>__<name>.sql) in {@code sql}; run Flyway over them, then {@link #renameFlywayFiles}. */
    public static void flywayFiles(Path sql) throws IOException {
        Files.createDirectories(sql);
        for (String name : deployed()) {
            Files.writeString(sql.resolve(flywayFile(name)), createTable(name));
        }
    }

    public static void renameFlywayFiles(Path sql) throws IOException {
        for (Map.Entry<String, String> r : RENAMED.entrySet()) {
            Files.move(sql.resolve(flywayFile(r.getKey())), sql.resolve(flywayFile(r.getValue())));
        }
    }

    public static String flywayFile(String name) {
        return "V" + version(name) + "__" + name(name) + ".sql";
    }

    private static String createTable(String name) {
        return "CREATE TABLE t_" + name(name).replaceFirst("^(create|add)_", "") + " (id INTEGER PRIMARY KEY);\n";
    }

    /** "20250121000001" of "20250121000001_create_sync_status_tracking". */
    public static String version(String name) {
        int underscore = name.indexOf('_');
        return underscore < 0 ? name : name.substring(0, underscore);
    }

    private static String name(String file) {
        return file.substring(file.indexOf('_') + 1);
    }

    public static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a directory and what it holds. */
    public static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Runs git in {@code dir} as a person would, with an identity of its own. */
    public static void git(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Ferry Test", "-c", "user.email=test@ferry.dev", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new UncheckedIOException(new IOException("git " + String.join(" ", args) + " failed: " + out));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
