package dev.ferry.postgres;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.connect.DirectoryTrees;
import dev.ferry.spi.Database;
import dev.ferry.spi.JdbcDatabase;
import dev.ferry.spi.ScratchDatabase;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
        ShadowTemplates.defaults().copyInto(dir.resolve("pg"), major == BUNDLED_MAJOR ? 0 : major, resolver);
        EmbeddedPostgresServer server = EmbeddedPostgresServer.startOrReuse(dir.resolve("pg"), resolver);
        DatabaseUrl url = DatabaseUrl.parse("embedded:postgres?dir=" + dir.resolve("pg"));
        return new JdbcDatabase(url, dialect, PostgresDialect.DRIVER, server.jdbcUrl("postgres"),
                PostgresDialect.properties(EmbeddedPostgresServer.SUPERUSER, null), e -> PostgresErrors.translate(url, e), () -> {
                    server.close();
                    DirectoryTrees.delete(dir);
                });
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
