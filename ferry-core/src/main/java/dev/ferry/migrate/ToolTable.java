package dev.ferry.migrate;

import dev.ferry.connect.HistoryConfig;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Another tool's history table: found where the tool keeps it, and rewritten one guarded row at a time. */
final class ToolTable {
    private final Dialect dialect;
    private final HistoryConfig config;
    private final String name;

    ToolTable(Dialect dialect, HistoryConfig config, String sessionSchema) {
        this.dialect = dialect;
        this.config = config;
        String schema = config.schema() != null ? config.schema() : sessionSchema;
        this.name = schema == null ? dialect.quoteIdentifier(config.table())
                : dialect.quoteIdentifier(schema) + "." + dialect.quoteIdentifier(config.table());
    }

    /** The quoted, qualified name for SQL. */
    String name() {
        return name;
    }

    /** "Rails's schema_migrations", for messages. */
    String label() {
        return config.tool().title() + "'s " + config.table();
    }

    /** Stops a command on a database where the tool has recorded nothing: most likely the wrong database. */
    void requireExists(Connection c, String url) {
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM " + name + " WHERE 1 = 0").close();
            return;
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.USAGE, url + " has no table " + config.table() + (config.schema() == null ? "" : " in schema " + config.schema())
                    + ": " + config.tool().title() + " has recorded no migration there",
                    "check that --url (or --env) is the database " + config.tool().title() + " migrates"
                            + (config.schema() == null ? "" : ", and history.schema in ferry.yaml"), e);
        }
    }

    ResultSet query(Statement s, String columns, String order) throws SQLException {
        return s.executeQuery("SELECT " + columns + " FROM " + name + " ORDER BY " + order);
    }

    /** Applies the change only to a row that still holds its {@code before} values; the count of rows changed. */
    int apply(Connection c, RowChange change) throws SQLException {
        List<Object> values = new ArrayList<>();
        List<String> set = new ArrayList<>();
        change.after().forEach((column, value) -> {
            set.add(dialect.quoteIdentifier(column) + " = ?");
            values.add(value);
        });
        List<String> where = new ArrayList<>();
        conditions(change.key(), where, values);
        conditions(change.before(), where, values);
        return update("UPDATE " + name + " SET " + String.join(", ", set) + " WHERE " + String.join(" AND ", where), values, c);
    }

    /** Whether a row holds {@code values} (found by {@code key}). */
    boolean holds(Connection c, Map<String, Object> key, Map<String, Object> values) throws SQLException {
        List<Object> params = new ArrayList<>();
        List<String> where = new ArrayList<>();
        conditions(key, where, params);
        conditions(values, where, params);
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + name + " WHERE " + String.join(" AND ", where))) {
            bind(s, params);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1) == 1;
            }
        }
    }

    private void conditions(Map<String, Object> columns, List<String> where, List<Object> values) {
        columns.forEach((column, value) -> {
            if (value == null) {
                where.add(dialect.quoteIdentifier(column) + " IS NULL");
            } else {
                where.add(dialect.quoteIdentifier(column) + " = ?");
                values.add(value);
            }
        });
    }

    private static int update(String sql, List<Object> values, Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, values);
            return s.executeUpdate();
        }
    }

    private static void bind(PreparedStatement s, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            s.setObject(i + 1, values.get(i));
        }
    }
}
