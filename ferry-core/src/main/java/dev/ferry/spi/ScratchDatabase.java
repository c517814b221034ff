package dev.ferry.spi;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A database created on a server for one job and dropped when closed: the {@code --shadow URL} shadow. */
public final class ScratchDatabase implements Database {
    private final Database server;
    private final Database scratch;
    private final String dropSql;

    private ScratchDatabase(Database server, Database scratch, String dropSql) {
        this.server = server;
        this.scratch = scratch;
        this.dropSql = dropSql;
    }

    /**
     * Creates {@code ferry_shadow_…} on the server behind {@code server}; closing it drops it and
     * closes {@code server}.
     *
     * @param dropTemplate the DROP statement with {@code %s} for the name, e.g. PostgreSQL's {@code … WITH (FORCE)}
     */
    public static Database on(Dialect dialect, Database server, String dropTemplate) {
        String name = "ferry_shadow_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(server, "CREATE DATABASE " + name);
        return new ScratchDatabase(server, dialect.open(server.url().withDatabase(name)), dropTemplate.formatted(name));
    }

    @Override
    public DatabaseUrl url() {
        return scratch.url();
    }

    @Override
    public Dialect dialect() {
        return scratch.dialect();
    }

    @Override
    public Connection connect() {
        return scratch.connect();
    }

    @Override
    public void close() {
        scratch.close();
        try {
            execute(server, dropSql);
        } finally {
            server.close();
        }
    }

    private static void execute(Database server, String sql) {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, sql + " on " + server.url().redacted() + " failed: " + e.getMessage(),
                    "the --shadow server must let this user create and drop databases", e);
        }
    }
}
