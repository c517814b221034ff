package dev.ferry.postgres;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.connect.DirectoryTrees;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.Database;
import dev.ferry.spi.JdbcDatabase;
import dev.ferry.spi.ScratchDatabase;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Shadow databases for PostgreSQL: a throwaway embedded server, or a scratch database on a given server. */
final class PostgresShadows {
    /** The major version of the server binaries Ferry ships (zonky, from Maven Central). */
    static final int BUNDLED_MAJOR = 17;
    /** What {@link #timingSettings} reads; wal_level minimal needs max_wal_senders 0, so both go together. */
    private static final List<String> TIMING_SETTINGS = List.of("synchronous_commit", "fsync", "full_page_writes", "wal_level", "max_wal_senders",
            "wal_compression", "max_wal_size", "checkpoint_timeout", "work_mem", "maintenance_work_mem", "max_parallel_maintenance_workers",
            "max_parallel_workers_per_gather");

    private PostgresShadows() {
    }

    /** A throwaway server of {@code major} (the bundled one when 0 or less), its binaries found or fetched by {@link PostgresBinaries}. */
    static Database embedded(PostgresDialect dialect, int major, PostgresBinaries binaries) {
        return embedded(dialect, major, binaries, Map.of());
    }

    /** As {@link #embedded(PostgresDialect, int, PostgresBinaries)}, started with these server settings. */
    static Database embedded(PostgresDialect dialect, int major, PostgresBinaries binaries, Map<String, String> settings) {
        PgBinaryResolver resolver = major > 0 && major != BUNDLED_MAJOR ? binaries.resolver(major) : null;
        Path dir = tempDir();
        ShadowTemplates.defaults().copyInto(dir.resolve("pg"), major == BUNDLED_MAJOR ? 0 : major, resolver);
        EmbeddedPostgresServer server = EmbeddedPostgresServer.startOrReuse(dir.resolve("pg"), resolver, settings);
        DatabaseUrl url = DatabaseUrl.parse("embedded:postgres?dir=" + dir.resolve("pg"));
        return new JdbcDatabase(url, dialect, PostgresDialect.DRIVER, server.jdbcUrl("postgres"),
                PostgresDialect.properties(EmbeddedPostgresServer.SUPERUSER, null), e -> PostgresErrors.translate(url, e), () -> {
                    server.close();
                    DirectoryTrees.delete(dir);
                });
    }

    /**
     * The settings of {@code server} that shape how long writing takes, as {@code current_setting}
     * gives them: commit durability (an embedded server commits asynchronously unless told), WAL, and
     * memory for sorts and index builds. Not shared_buffers: a big server's would not fit a laptop.
     */
    static Map<String, String> timingSettings(Database server) {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection c = server.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT name, current_setting(name)"
                + " FROM pg_settings WHERE name IN (" + TIMING_SETTINGS.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ")) + ") ORDER BY name")) {
            while (r.next()) {
                settings.put(r.getString(1), r.getString(2));
            }
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.CONNECT, "cannot read the settings of " + server.url().redacted() + " for its scratch copy: " + e.getMessage(),
                    null, e);
        }
        return settings;
    }

    static Database on(PostgresDialect dialect, Database server) {
        return ScratchDatabase.on(dialect, server, "DROP DATABASE IF EXISTS %s WITH (FORCE)");
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("ferry-shadow");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
