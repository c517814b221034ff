package dev.ferry.cli;

import dev.ferry.testkit.OtherPostgres;
import dev.ferry.testkit.PgTools;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `ferry migrate --rehearse` leaves the schema byte for byte as it was, by pg_dump --schema-only,
 * and names the first failing statement with its file and line. The server is PostgreSQL 15 so
 * that Debian's pg_dump 15 can dump it.
 */
class RehearseIT {
    private static EmbeddedPostgres pg15;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pg15 = OtherPostgres.start("ferry.test.pg15.binaries");
    }

    @AfterAll
    static void stop() throws IOException {
        pg15.close();
    }

    private String url() {
        return "postgres://postgres@localhost:" + pg15.getPort() + "/rehearse";
    }

    private String schemaDump() {
        return PgTools.schemaDump(pg15.getPort(), "rehearse");
    }

    @Test
    void leavesTheSchemaByteIdenticalAndNamesTheFirstFailure() throws Exception {
        try (Connection c = pg15.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE rehearse");
        }
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__users.sql"), "CREATE TABLE users (id INT PRIMARY KEY, email TEXT);\n");
        assertThat(CliRun.process(dir, Map.of(), "migrate", "--url", url()).exit()).isZero();

        Files.writeString(migrations.resolve("V2__orders.sql"), String.join("\n", List.of(
                "CREATE TYPE status AS ENUM ('new', 'paid');",
                "CREATE TABLE orders (id INT PRIMARY KEY, user_id INT REFERENCES users (id), status status NOT NULL DEFAULT 'new');",
                "CREATE INDEX orders_user ON orders (user_id);",
                "ALTER TABLE users ADD COLUMN created_at TIMESTAMPTZ DEFAULT now();",
                "CREATE VIEW paid AS SELECT * FROM orders WHERE status = 'paid';",
                "COMMENT ON TABLE orders IS 'rehearsed';")) + "\n");
        String before = schemaDump();
        CliRun ok = CliRun.process(dir, Map.of(), "migrate", "--rehearse", "--url", url());
        assertThat(ok.exit()).as(ok.all()).isZero();
        assertThat(ok.out()).contains("rehearsed V2 orders", "Rehearsal succeeded", "nothing was changed");
        assertThat(schemaDump()).isEqualTo(before);

        Files.writeString(migrations.resolve("V3__broken.sql"), "CREATE TABLE fine (id INT);\n-- next one fails\nALTER TABLE nope ADD COLUMN x INT;\n");
        CliRun broken = CliRun.process(dir, Map.of(), "migrate", "--rehearse", "--url", url());
        assertThat(broken.exit()).isEqualTo(4);
        assertThat(broken.err()).contains("V3 (V3__broken.sql) failed at line 3", "relation \"nope\" does not exist", "nothing was changed");
        assertThat(schemaDump()).isEqualTo(before);
    }
}
