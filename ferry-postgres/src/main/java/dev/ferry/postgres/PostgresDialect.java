package dev.ferry.postgres;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.connect.Engine;
import dev.ferry.connect.UrlForm;
import dev.ferry.schema.model.SchemaModel;
import dev.ferry.spi.AdvisoryLock;
import dev.ferry.spi.AdvisoryLocking;
import dev.ferry.spi.AsynchronousCommit;
import dev.ferry.spi.LoadSignals;
import dev.ferry.spi.ClientTool;
import dev.ferry.spi.BulkCopy;
import dev.ferry.spi.DatabaseReplacement;
import dev.ferry.spi.CopyFromStdin;
import dev.ferry.spi.Database;
import dev.ferry.spi.Dialect;
import dev.ferry.spi.JdbcDatabase;
import dev.ferry.spi.SchemaInspection;
import dev.ferry.spi.SchemaSql;
import dev.ferry.spi.ServerInfo;
import dev.ferry.spi.ShadowDatabases;
import dev.ferry.spi.SessionControl;
import dev.ferry.spi.SessionInfo;
import dev.ferry.spi.TableStats;
import dev.ferry.spi.TransactionalDdl;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Properties;

/** PostgreSQL 12 and later, over the network or embedded. */
public final class PostgresDialect implements Dialect, TransactionalDdl, CopyFromStdin, AdvisoryLocking, SessionControl, SchemaInspection, ShadowDatabases,
        LoadSignals, AsynchronousCommit {
    static final Driver DRIVER = new org.postgresql.Driver();

    private static final String TABLES = """
            select n.nspname, c.relname,
                   case when c.relkind = 'p'
                        then (select coalesce(sum(greatest(p.reltuples, 0)), -1)::bigint from pg_partition_tree(c.oid) t join pg_class p on p.oid = t.relid where t.isleaf)
                        else c.reltuples::bigint end,
                   case when c.relkind = 'p'
                        then (select coalesce(sum(pg_total_relation_size(t.relid)), 0)::bigint from pg_partition_tree(c.oid) t)
                        else pg_total_relation_size(c.oid) end
              from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where c.relkind in ('r', 'p') and not c.relispartition
               and n.nspname not in ('pg_catalog', 'information_schema')
               and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp\\_%'
             order by n.nspname, c.relname""";

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public boolean supports(DatabaseUrl url) {
        return url.engine() == Engine.POSTGRES && (url.form() == UrlForm.NETWORK || url.form() == UrlForm.EMBEDDED);
    }

    @Override
    public Database open(DatabaseUrl url) {
        if (url.form() == UrlForm.EMBEDDED) {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.startOrReuse(url.path().map(Path::of).orElse(EmbeddedPostgresServer.DEFAULT_DIR));
            String db = url.database().orElse("postgres");
            return new JdbcDatabase(url, this, DRIVER, server.jdbcUrl(db), properties(EmbeddedPostgresServer.SUPERUSER, null),
                    e -> PostgresErrors.translate(url, e), server::close);
        }
        Properties props = properties(url.user().orElse(null), url.password().orElse(null));
        PostgresUrlParameters.apply(url, props);
        return new JdbcDatabase(url, this, DRIVER, jdbcUrl(url), props, e -> PostgresErrors.translate(url, e), () -> { });
    }

    static Properties properties(String user, String password) {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "ferry");
        props.setProperty("connectTimeout", "10");
        return props;
    }

    private static String jdbcUrl(DatabaseUrl url) {
        String host = url.host().orElse("localhost");
        String port = url.port().isPresent() ? ":" + url.port().getAsInt() : "";
        return "jdbc:postgresql://" + host + port + "/" + url.database().orElse("");
    }

    @Override
    public ServerInfo serverInfo(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select current_setting('server_version'), current_setting('server_version_num')::int,"
                     + " current_database(), pg_database_size(current_database()), current_user")) {
            r.next();
            return new ServerInfo("PostgreSQL", r.getString(1), r.getInt(2) / 10000, r.getString(3), r.getLong(4), r.getString(5));
        }
    }

    @Override
    public String quoteIdentifier(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public List<TableStats> tables(Connection c) throws SQLException {
        List<TableStats> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(TABLES)) {
            while (r.next()) {
                tables.add(new TableStats(r.getString(1), r.getString(2), -1, r.getLong(3), r.getLong(4)));
            }
        }
        return tables;
    }

    @Override
    public SchemaModel inspectSchema(Connection c, String schema) throws SQLException {
        return new PostgresSchemaReader(c, schema, c.getMetaData().getDatabaseMajorVersion()).read();
    }

    @Override
    public String currentSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select current_schema()")) {
            return r.next() ? r.getString(1) : null;
        }
    }

    @Override
    public SchemaSql schemaSql() {
        return new PostgresSchemaSql();
    }

    @Override
    public Database shadow(int majorVersion) {
        return PostgresShadows.embedded(this, majorVersion, PostgresBinaries.defaults());
    }

    @Override
    public Shadow shadowLike(int majorVersion, Database like) {
        Map<String, String> settings = PostgresShadows.timingSettings(like);
        return new Shadow(PostgresShadows.embedded(this, majorVersion, PostgresBinaries.defaults(), settings),
                settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    @Override
    public Database shadowOn(Database server) {
        return PostgresShadows.on(this, server);
    }

    @Override
    public String timestampType() {
        return "TIMESTAMPTZ";
    }

    @Override
    public boolean cannotRunInTransaction(String statement, int serverMajorVersion) {
        return PostgresStatements.cannotRunInTransaction(statement, serverMajorVersion);
    }

    @Override
    public long copyFromStdin(Connection c, String copyStatement, String data) throws SQLException {
        try {
            return c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(copyStatement, new java.io.StringReader(data));
        } catch (java.io.IOException e) {
            throw new SQLException("reading the COPY data failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int errorPosition(SQLException e, String statementSent) {
        return e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null ? p.getServerErrorMessage().getPosition() : 0;
    }

    @Override
    public void commitAsynchronously(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET synchronous_commit = off");
        }
    }

    @Override
    public void commitThisOneDurably(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET LOCAL synchronous_commit = on");
        }
    }

    /** Client sessions of this database other than ours with a statement running (pg_stat_activity's state 'active'). */
    @Override
    public int activeSessions(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname ="
                + " current_database() AND pid <> pg_backend_pid() AND state = 'active' AND backend_type = 'client backend'")) {
            r.next();
            return r.getInt(1);
        }
    }

    /** The largest replay lag of the standbys streaming from this server (pg_stat_replication), 0 with none. */
    @Override
    public java.util.OptionalDouble replicationLagSeconds(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT COALESCE(EXTRACT(EPOCH FROM max(replay_lag)), 0) FROM pg_stat_replication")) {
            r.next();
            return java.util.OptionalDouble.of(r.getDouble(1));
        }
    }

    /** PostgreSQL 14+ checks every second that the client is still there, so a killed Ferry's work is rolled back at once. */
    private static final BulkCopy BULK_COPY = new PostgresBulkCopy();

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == BulkCopy.class) {
            return Optional.of(type.cast(BULK_COPY));
        }
        return type == DatabaseReplacement.class ? Optional.of(type.cast(new PostgresReplacement(this))) : Dialect.super.capability(type);
    }

    /** SHARE ROW EXCLUSIVE: conflicts with the ROW EXCLUSIVE that INSERT, UPDATE and DELETE take, not with reads. */
    @Override
    public void lockAgainstWriters(Connection connection, String qualifiedTable, java.time.Duration timeout) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET LOCAL lock_timeout = " + Math.max(1, timeout.toMillis()));
            s.execute("LOCK TABLE " + qualifiedTable + " IN SHARE ROW EXCLUSIVE MODE");
        }
    }

    /** 55P03 lock_not_available: lock_timeout expired. */
    @Override
    public boolean isLockTimeout(SQLException e) {
        return "55P03".equals(e.getSQLState());
    }

    @Override
    public void prepareMigrationSession(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF current_setting('server_version_num')::int >= 140000 THEN"
                    + " PERFORM set_config('client_connection_check_interval', '1000', false); END IF; END $$");
        }
    }

    @Override
    public List<ClientTool> clientTools() {
        return List.of(new ClientTool("dump", List.of("pg_dump"), true), new ClientTool("restore into", List.of("pg_restore"), true));
    }

    @Override
    public AdvisoryLock acquire(Connection c, String name, Duration timeout) throws SQLException {
        return PostgresAdvisoryLock.acquire(c, name, timeout);
    }

    @Override
    public List<SessionInfo> otherSessions(Connection c, String database) throws SQLException {
        List<SessionInfo> sessions = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select pid, usename, application_name, host(client_addr), state from pg_stat_activity"
                + " where datname = ? and pid <> pg_backend_pid() and backend_type = 'client backend' order by pid")) {
            s.setString(1, database);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    sessions.add(new SessionInfo(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5)));
                }
            }
        }
        return sessions;
    }

    @Override
    public boolean terminate(Connection c, SessionInfo session) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_terminate_backend(?::int)")) {
            s.setLong(1, session.pid());
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }
}
