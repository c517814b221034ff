package dev.ferry.testkit;

import dev.ferry.spi.SqlSplitter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The Pagila schema (PostgreSQL License, see fixtures/pagila/LICENSE.txt and SOURCE) without its
 * pgvector parts. It needs PostgreSQL 18: {@link SharedPostgres#pg18()}.
 */
public final class Pagila {
    private Pagila() {
    }

    public static String schemaSql() {
        try (InputStream in = Pagila.class.getResourceAsStream("/fixtures/pagila/pagila-schema-novector.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the schema; the file empties search_path, so it is reset afterwards for the connection's next user. */
    public static void load(Connection c) {
        try (Statement s = c.createStatement()) {
            for (SqlSplitter.Statement st : SqlSplitter.split(schemaSql(), false)) {
                s.execute(st.sql());
            }
            s.execute("RESET search_path");
        } catch (SQLException e) {
            throw new IllegalStateException("loading Pagila failed (it needs PostgreSQL 18)", e);
        }
    }
}
