package dev.ferry.mysql;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.connect.Engine;
import dev.ferry.connect.UrlForm;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.schema.model.SchemaModel;
import dev.ferry.spi.AdvisoryLock;
import dev.ferry.spi.AdvisoryLocking;
import dev.ferry.spi.LoadSignals;
import dev.ferry.spi.BulkCopy;
import dev.ferry.spi.BulkRowFormat;
import dev.ferry.spi.DatabaseReplacement;
import dev.ferry.spi.ClientTool;
import dev.ferry.spi.ConnectionErrors;
import dev.ferry.spi.Database;
import dev.ferry.spi.Autocommit;
import dev.ferry.spi.Dialect;
import dev.ferry.spi.JdbcDatabase;
import dev.ferry.spi.NonTransactionalTables;
import dev.ferry.spi.SchemaInspection;
import dev.ferry.spi.SchemaSql;
import dev.ferry.spi.ScratchDatabase;
import dev.ferry.spi.ShadowDatabases;
import dev.ferry.spi.ServerInfo;
import dev.ferry.spi.SessionControl;
import dev.ferry.spi.SessionInfo;
import dev.ferry.spi.TableStats;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL and MariaDB through MariaDB Connector/J. Their DDL commits implicitly, so this dialect
 * does not offer {@link dev.ferry.spi.TransactionalDdl}.
 */
public final class MySqlDialect implements Dialect, AdvisoryLocking, SessionControl, SchemaInspection, ShadowDatabases, NonTransactionalTables,
        LoadSignals {
    private static final Driver DRIVER = new org.mariadb.jdbc.Driver();
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    private static final int ACCESS_DENIED = 1045;
    private static final int UNKNOWN_DATABASE = 1049;
    private static final int UNKNOWN_THREAD = 1094;
    private static final Pattern DATA_ONLY = Pattern.compile(
            "(?i)(insert|update|delete|replace|select|with|values|table|do|set|savepoint|release|rollback\\s+(work\\s+)?to)\\b");
    private static final Pattern SET_PASSWORD = Pattern.compile("(?i)set\\s+password\\b");
    /** MariaDB's {@code SET STATEMENT var = value, … FOR statement}: the statement after FOR is what runs. */
    private static final Pattern SET_STATEMENT = Pattern.compile("(?i)set\\s+statement\\b");
    private static final Pattern NEAR = Pattern.compile("(?s)near '(.*?)' at line (\\d+)");

    @Override
    public String name() {
        return "MySQL/MariaDB";
    }

    @Override
    public boolean supports(DatabaseUrl url) {
        return url.engine() == Engine.MYSQL && url.form() == UrlForm.NETWORK;
    }

    /** Ferry ships no MariaDB server: the shadow needs {@code --shadow}. */
    @Override
    public Database shadow(int majorVersion) {
        throw new FerryException(ErrorCode.UNSUPPORTED, "Ferry has no MariaDB/MySQL server of its own for a shadow database",
                "pass --shadow mysql://USER@HOST:PORT/ of a server (the same version as yours) where Ferry may create and drop a scratch database");
    }

    @Override
    public <T> java.util.Optional<T> capability(Class<T> type) {
        if (type == BulkCopy.class || type == BulkRowFormat.class) {
            return java.util.Optional.of(type.cast(new MySqlBulkCopy(this)));
        }
        return type == DatabaseReplacement.class ? java.util.Optional.of(type.cast(new MySqlReplacement(this))) : Dialect.super.capability(type);
    }

    @Override
    public boolean startsItsOwnServer() {
        return false;
    }

    @Override
    public Database shadowOn(Database server) {
        return ScratchDatabase.on(this, server, "DROP DATABASE IF EXISTS `%s`");
    }

    @Override
    public Database open(DatabaseUrl url) {
        Properties props = new Properties();
        url.user().ifPresent(u -> props.setProperty("user", u));
        url.password().ifPresent(p -> props.setProperty("password", p));
        props.setProperty("connectTimeout", "10000");
        props.setProperty("connectionAttributes", "program_name:ferry");
        url.params().forEach(props::setProperty);
        String host = url.host().orElse("localhost");
        String port = url.port().isPresent() ? ":" + url.port().getAsInt() : "";
        String jdbcUrl = "jdbc:mariadb://" + host + port + "/" + url.database().orElse("");
        return new JdbcDatabase(url, this, DRIVER, jdbcUrl, props, e -> translate(url, e), () -> { });
    }

    static RuntimeException translate(DatabaseUrl url, SQLException e) {
        if (e.getErrorCode() == ACCESS_DENIED) {
            return ConnectionErrors.authenticationFailed(url, e);
        }
        if (e.getErrorCode() == UNKNOWN_DATABASE) {
            return ConnectionErrors.unknownDatabase(url, e);
        }
        FerryException network = ConnectionErrors.fromNetworkCause(url, e);
        return network != null ? network : ConnectionErrors.failed(url, e.getMessage(), e);
    }

    @Override
    public ServerInfo serverInfo(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select version(), database(), current_user(),"
                     + " (select coalesce(sum(data_length + index_length), 0) from information_schema.tables where table_schema = database())")) {
            r.next();
            String version = r.getString(1);
            String product = version.toLowerCase().contains("mariadb") ? "MariaDB" : "MySQL";
            Matcher m = VERSION.matcher(version);
            boolean parsed = m.find();
            String shortVersion = parsed ? m.group() : version;
            int major = parsed ? Integer.parseInt(m.group(1)) : 0;
            return new ServerInfo(product, shortVersion, major, r.getString(2), r.getLong(4), r.getString(3));
        }
    }

    @Override
    public String quoteIdentifier(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    @Override
    public List<TableStats> tables(Connection c) throws SQLException {
        List<TableStats> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select table_name, coalesce(table_rows, -1), coalesce(data_length + index_length, -1)"
                     + " from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE' order by table_name")) {
            while (r.next()) {
                tables.add(new TableStats(null, r.getString(1), -1, r.getLong(2), r.getLong(3)));
            }
        }
        return tables;
    }

    /** Tables whose engine the server lists with {@code TRANSACTIONS = 'NO'} (views and InnoDB tables are not among them). */
    @Override
    public Map<String, String> nonTransactionalTables(Connection c) throws SQLException {
        Map<String, String> tables = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select t.table_name, t.engine from information_schema.tables t"
                     + " join information_schema.engines e on e.engine = t.engine"
                     + " where t.table_schema = database() and t.table_type = 'BASE TABLE' and e.transactions = 'NO' order by t.table_name")) {
            while (r.next()) {
                tables.put(r.getString(1), r.getString(2));
            }
        }
        if (!tables.isEmpty()) {
            new IndirectWrites(c).addTo(tables);
        }
        return tables;
    }

    /** The connection's database ({@code schema} null) or the named one. */
    @Override
    public SchemaModel inspectSchema(Connection c, String schema) throws SQLException {
        return new MySqlSchemaReader(c, schema).read();
    }

    @Override
    public SchemaSql schemaSql() {
        return new MySqlSchemaSql();
    }

    @Override
    public String timestampType() {
        return "DATETIME(3)";
    }

    @Override
    public boolean backslashEscapes() {
        return true;
    }

    /**
     * Only plain data statements leave MySQL's transaction open; DDL, account and table
     * maintenance statements, LOCK TABLES, CALL (a procedure may hold any of them) and
     * SET autocommit or PASSWORD commit it. {@code SET STATEMENT … FOR X} does what X does.
     */
    /**
     * MariaDB says so in {@code @@in_transaction}. MySQL has no such variable; InnoDB lists the
     * session's transaction once it has touched a table (which needs the PROCESS privilege, and
     * without it Ferry cannot tell, as before).
     */
    /**
     * A locking read of every row under REPEATABLE READ: InnoDB then holds next-key locks over the
     * whole index, gaps and the end included, so no other session inserts or changes a row until
     * the transaction ends (under READ COMMITTED it would lock the rows only, and inserts would pass).
     */
    @Override
    public void lockAgainstWriters(Connection connection, String qualifiedTable, java.time.Duration timeout) throws SQLException {
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement s = connection.createStatement()) {
            s.execute("SET SESSION innodb_lock_wait_timeout = " + Math.max(1, timeout.toSeconds()));
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + qualifiedTable + " FOR UPDATE")) {
                r.next();
            }
        }
    }

    /** 1205 ER_LOCK_WAIT_TIMEOUT. */
    @Override
    public boolean isLockTimeout(SQLException e) {
        return e.getErrorCode() == 1205;
    }

    @Override
    public boolean transactionOpen(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@in_transaction")) {
            return rs.next() && rs.getInt(1) != 0;
        } catch (SQLException noSuchVariable) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_mysql_thread_id = CONNECTION_ID()")) {
                return rs.next() && rs.getInt(1) > 0;
            } catch (SQLException noProcessPrivilege) {
                return false;
            }
        }
    }

    @Override
    public boolean commitsImplicitly(String statement) {
        if (SET_STATEMENT.matcher(statement).lookingAt()) {
            String inner = afterFor(statement);
            return inner == null || commitsImplicitly(inner);
        }
        return !DATA_ONLY.matcher(statement).lookingAt() || SET_PASSWORD.matcher(statement).lookingAt() || Autocommit.isSet(statement);
    }

    /** The statement after the FOR of a {@code SET STATEMENT}, skipping quoted values; null when there is none. */
    private static String afterFor(String statement) {
        char quote = 0;
        for (int i = 0; i < statement.length(); i++) {
            char ch = statement.charAt(i);
            if (quote != 0) {
                if (ch == '\\' && quote != '`') {
                    i++;
                } else if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"' || ch == '`') {
                quote = ch;
            } else if ((ch == 'f' || ch == 'F') && statement.regionMatches(true, i, "for", 0, 3)
                    && (i == 0 || !Character.isLetterOrDigit(statement.charAt(i - 1)) && statement.charAt(i - 1) != '_')
                    && i + 3 < statement.length() && Character.isWhitespace(statement.charAt(i + 3))) {
                return statement.substring(i + 3).strip();
            }
        }
        return null;
    }

    /**
     * A syntax error says "near 'NUL\n)' at line 4": the rest of the statement from where the
     * parser stopped (cut after 80 characters), and a line that may already be past it. The
     * text decides; where it occurs more than once, the last occurrence not after that line.
     */
    @Override
    public int errorPosition(SQLException e, String statementSent) {
        Matcher m = NEAR.matcher(e.getMessage() == null ? "" : e.getMessage());
        if (!m.find() || m.group(1).isEmpty()) {
            return 0;
        }
        String near = m.group(1);
        if (statementSent.endsWith(near)) {
            return statementSent.length() - near.length() + 1;
        }
        int reportedLine = Integer.parseInt(m.group(2));
        int best = -1;
        for (int at = statementSent.indexOf(near); at >= 0; at = statementSent.indexOf(near, at + 1)) {
            if (best < 0 || statementSent.substring(0, at).chars().filter(c -> c == '\n').count() < reportedLine) {
                best = at;
            }
        }
        return best + 1;
    }

    @Override
    public List<ClientTool> clientTools() {
        return List.of(new ClientTool("dump", List.of("mariadb-dump", "mysqldump"), false),
                new ClientTool("restore into", List.of("mariadb", "mysql"), false));
    }

    @Override
    public AdvisoryLock acquire(Connection c, String name, Duration timeout) throws SQLException {
        return MySqlAdvisoryLock.acquire(c, name, timeout);
    }

    @Override
    public List<SessionInfo> otherSessions(Connection c, String database) throws SQLException {
        List<SessionInfo> sessions = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select id, user, host, command from information_schema.processlist"
                + " where db = ? and id <> connection_id() and command <> 'Daemon' order by id")) {
            s.setString(1, database);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    sessions.add(new SessionInfo(r.getLong(1), r.getString(2), null, r.getString(3), r.getString(4)));
                }
            }
        }
        return sessions;
    }

    @Override
    public boolean terminate(Connection c, SessionInfo session) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("KILL " + session.pid());
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() == UNKNOWN_THREAD) {
                return false; // it ended by itself meanwhile
            }
            throw e;
        }
    }

    /** Connections to this database other than ours that are running a statement (not Sleep). */
    @Override
    public int activeSessions(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                + " WHERE DB = DATABASE() AND ID <> CONNECTION_ID() AND COMMAND NOT IN ('Sleep', 'Daemon', 'Binlog Dump', 'Binlog Dump GTID')")) {
            r.next();
            return r.getInt(1);
        }
    }

    /** A primary does not know how far its replicas lag (each replica knows its own). */
    @Override
    public java.util.OptionalDouble replicationLagSeconds(Connection connection) {
        return java.util.OptionalDouble.empty();
    }
}
