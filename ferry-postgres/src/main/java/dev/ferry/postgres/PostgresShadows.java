package dev.ferry.postgres;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.Database;
import dev.ferry.spi.JdbcDatabase;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/** Shadow databases for PostgreSQL: a throwaway embedded server, or a scratch database on a given server. */
final class PostgresShadows {
    /** The major version of the server binaries Ferry ships (zonky, from Maven Central). */
    static final int BUNDLED_MAJOR = 17;

    private PostgresShadows() {
    }

    /** A throwaway server of {@code major} (the bundled one when 0 or less), its binaries found or fetched by {@link PostgresBinaries}. */
    static Database embedded(PostgresDialect dialect, int major, PostgresBinaries binaries) {
        PgBinaryResolver resolver = major > 0 && major != BUNDLED_MAJOR ? binaries.resolver(major) : null;
        Path dir = tempDir();
        EmbeddedPostgresServer server = EmbeddedPostgresServer.startOrReuse(dir.resolve("pg"), resolver);
        DatabaseUrl url = DatabaseUrl.parse("embedded:postgres?dir=" + dir.resolve("pg"));
        return new JdbcDatabase(url, dialect, PostgresDialect.DRIVER, server.jdbcUrl("postgres"),
                PostgresDialect.properties(EmbeddedPostgresServer.SUPERUSER, null), e -> PostgresErrors.translate(url, e), () -> {
                    server.close();
                    delete(dir);
                });
    }

    static Database on(PostgresDialect dialect, Database server) {
        String name = "ferry_shadow_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(server, "CREATE DATABASE " + name);
        Database shadow = dialect.open(server.url().withDatabase(name));
        return new Database() {
            @Override
            public DatabaseUrl url() {
                return shadow.url();
            }

            @Override
            public dev.ferry.spi.Dialect dialect() {
                return dialect;
            }

            @Override
            public Connection connect() {
                return shadow.connect();
            }

            @Override
            public void close() {
                shadow.close();
                try {
                    execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                } finally {
                    server.close();
                }
            }
        };
    }

    private static void execute(Database server, String sql) {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, sql + " on " + server.url().redacted() + " failed: " + e.getMessage(),
                    "the --shadow server must let this user create and drop databases", e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("ferry-shadow");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the shadow database's directory " + dir, e);
        }
    }
}
