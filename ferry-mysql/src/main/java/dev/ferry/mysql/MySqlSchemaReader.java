package dev.ferry.mysql;

import dev.ferry.schema.model.Column;
import dev.ferry.schema.model.Constraint;
import dev.ferry.schema.model.Index;
import dev.ferry.schema.model.RowSecurity;
import dev.ferry.schema.model.SchemaModel;
import dev.ferry.schema.model.Table;
import dev.ferry.spi.Queries;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the tables of one database from information_schema, one query per kind. Unique keys are
 * indexes here (CREATE UNIQUE INDEX), as MariaDB and MySQL keep them; constraints are the primary
 * key, foreign keys and checks.
 */
final class MySqlSchemaReader {
    private static final Pattern ON_UPDATE = Pattern.compile("(?i)on update (\\S+)");
    private static final Pattern CURRENT_TIMESTAMP = Pattern.compile("(?i)current_timestamp(\\(\\d*\\))?");

    private final Connection c;
    private final String requested;
    private String database;
    /** Null for the connection's own database, so two databases of different names compare equal. */
    private String schema;
    private boolean mariaDb;

    MySqlSchemaReader(Connection c, String schema) {
        this.c = c;
        this.requested = schema;
    }

    SchemaModel read() throws SQLException {
        String current;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select database(), version()")) {
            r.next();
            current = r.getString(1);
            mariaDb = r.getString(2).toLowerCase(Locale.ROOT).contains("mariadb");
        }
        database = requested != null ? requested : current;
        if (database == null) {
            throw new SQLException("no database selected: name one in the URL or pass a schema");
        }
        schema = database.equals(current) ? null : database;
        Map<String, String> collations = new LinkedHashMap<>();
        Map<String, List<String>> options = new LinkedHashMap<>();
        query("select table_name, table_collation, engine from information_schema.tables where table_schema = ?"
                + " and table_type = 'BASE TABLE' order by table_name", r -> {
            collations.put(r.getString(1), r.getString(2));
            options.put(r.getString(1), tableOptions(r.getString(3), r.getString(2)));
        });
        Map<String, List<Column>> columns = columns(collations);
        Map<String, List<Constraint>> constraints = keys();
        checks(constraints);
        Map<String, List<Index>> indexes = indexes();
        List<Table> tables = new ArrayList<>();
        for (String name : collations.keySet()) {
            List<Constraint> cs = new ArrayList<>(constraints.getOrDefault(name, List.of()));
            cs.sort(java.util.Comparator.comparing(Constraint::name));
            tables.add(new Table(schema, name, columns.getOrDefault(name, List.of()), cs, indexes.getOrDefault(name, List.of()),
                    List.of(), null, false, RowSecurity.NONE, options.getOrDefault(name, List.of())));
        }
        return SchemaModel.ofTables(tables);
    }

    /**
     * The engine and collation CREATE TABLE names after its parenthesis, so that a table made from the
     * model (a restore, a repair script) is what it was whatever the database's defaults: without
     * them a latin1 MyISAM table would come back as utf8mb4 InnoDB. Only CREATE TABLE uses them.
     */
    static List<String> tableOptions(String engine, String collation) {
        List<String> options = new ArrayList<>();
        if (engine != null) {
            options.add("ENGINE=" + engine);
        }
        if (collation != null) {
            options.add("DEFAULT COLLATE=" + collation);
        }
        return options;
    }

    private Map<String, List<Column>> columns(Map<String, String> tableCollations) throws SQLException {
        Map<String, List<Column>> columns = new LinkedHashMap<>();
        query("select table_name, column_name, column_type, is_nullable, column_default, extra, generation_expression,"
                + " character_set_name, collation_name, column_comment from information_schema.columns where table_schema = ?"
                + " order by table_name, ordinal_position", r -> {
            String table = r.getString(1);
            String extra = r.getString(6) == null ? "" : r.getString(6);
            String upper = extra.toUpperCase(Locale.ROOT);
            String generated = upper.contains("VIRTUAL GENERATED") ? "(" + r.getString(7) + ") VIRTUAL"
                    : upper.contains("STORED GENERATED") ? "(" + r.getString(7) + ") STORED" : null;
            String type = type(r.getString(3), r.getString(8), r.getString(9), tableCollations.get(table), extra);
            columns.computeIfAbsent(table, k -> new ArrayList<>()).add(new Column(r.getString(2), type, r.getString(4).equals("YES"),
                    generated == null ? defaultValue(mariaDb, r.getString(5), extra) : null,
                    upper.contains("AUTO_INCREMENT") ? "AUTO_INCREMENT" : null, generated, null,
                    r.getString(10) == null || r.getString(10).isEmpty() ? null : r.getString(10)));
        });
        return columns;
    }

    /**
     * COLUMN_TYPE as SHOW CREATE TABLE prints it: the character set only when the column's collation
     * is not the table's (NVARCHAR columns are utf8mb3 in a utf8mb4 table), and ON UPDATE, which
     * MODIFY COLUMN has to repeat.
     */
    static String type(String columnType, String charset, String collation, String tableCollation, String extra) {
        StringBuilder sb = new StringBuilder(columnType);
        if (collation != null && !collation.equals(tableCollation)) {
            sb.append(" CHARACTER SET ").append(charset).append(" COLLATE ").append(collation);
        }
        Matcher m = ON_UPDATE.matcher(extra);
        if (m.find()) {
            sb.append(" ON UPDATE ").append(m.group(1));
        }
        return sb.toString();
    }

    /**
     * The default as SQL. MariaDB (10.2.7+) prints it so already, quoting strings, but says 'NULL'
     * for a nullable column without one; MySQL prints literals bare and marks expressions
     * DEFAULT_GENERATED.
     */
    static String defaultValue(boolean mariaDb, String columnDefault, String extra) {
        if (columnDefault == null) {
            return null;
        }
        if (mariaDb) {
            return columnDefault.equals("NULL") ? null : columnDefault;
        }
        if (extra.toUpperCase(Locale.ROOT).contains("DEFAULT_GENERATED")) {
            return CURRENT_TIMESTAMP.matcher(columnDefault).matches() ? columnDefault : "(" + columnDefault + ")";
        }
        return "'" + columnDefault.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** Primary and foreign keys, a row per column. */
    private Map<String, List<Constraint>> keys() throws SQLException {
        Map<String, Map<String, Key>> keys = new LinkedHashMap<>();
        query("select k.table_name, k.constraint_name, t.constraint_type, k.column_name, k.referenced_table_schema,"
                + " k.referenced_table_name, k.referenced_column_name, r.update_rule, r.delete_rule"
                + " from information_schema.key_column_usage k join information_schema.table_constraints t"
                + " on t.constraint_schema = k.constraint_schema and t.table_name = k.table_name and t.constraint_name = k.constraint_name"
                + " left join information_schema.referential_constraints r on r.constraint_schema = k.constraint_schema"
                + " and r.table_name = k.table_name and r.constraint_name = k.constraint_name"
                + " where k.table_schema = ? and t.constraint_type in ('PRIMARY KEY', 'FOREIGN KEY')"
                + " order by k.table_name, k.constraint_name, k.ordinal_position", r -> {
            Key key = keys.computeIfAbsent(r.getString(1), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.getString(2), k -> new Key());
            key.kind = r.getString(3);
            key.columns.add(r.getString(4));
            key.refSchema = r.getString(5);
            key.refTable = r.getString(6);
            key.refColumns.add(r.getString(7));
            key.onUpdate = r.getString(8);
            key.onDelete = r.getString(9);
        });
        Map<String, List<Constraint>> constraints = new LinkedHashMap<>();
        keys.forEach((table, byName) -> byName.forEach((name, k) ->
                constraints.computeIfAbsent(table, t -> new ArrayList<>()).add(new Constraint(name, k.kind, k.definition(database)))));
        return constraints;
    }

    private void checks(Map<String, List<Constraint>> constraints) throws SQLException {
        // MariaDB names checks per table (a column's check is named after it), MySQL per database
        query("select t.table_name, t.constraint_name, cc.check_clause from information_schema.table_constraints t"
                + " join information_schema.check_constraints cc on cc.constraint_schema = t.constraint_schema"
                + " and cc.constraint_name = t.constraint_name" + (mariaDb ? " and cc.table_name = t.table_name" : "")
                + " where t.table_schema = ? and t.constraint_type = 'CHECK' order by t.table_name, t.constraint_name",
                r -> constraints.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
                        .add(new Constraint(r.getString(2), "CHECK", "CHECK (" + r.getString(3) + ")")));
    }

    /** Every index but the primary key's, as the CREATE INDEX statement that makes it. */
    private Map<String, List<Index>> indexes() throws SQLException {
        Map<String, Map<String, IndexParts>> parts = new LinkedHashMap<>();
        boolean expressions = !mariaDb && c.getMetaData().getDatabaseMajorVersion() >= 8;
        query("select table_name, index_name, non_unique, column_name, sub_part, collation, index_type, "
                + (expressions ? "expression" : "null") + " from information_schema.statistics where table_schema = ?"
                + " and index_name <> 'PRIMARY' order by table_name, index_name, seq_in_index", r -> {
            IndexParts ip = parts.computeIfAbsent(r.getString(1), k -> new LinkedHashMap<>()).computeIfAbsent(r.getString(2), k -> new IndexParts());
            ip.unique = r.getInt(3) == 0;
            ip.type = r.getString(7);
            String column = r.getString(4) != null ? MySqlSchemaSql.q(r.getString(4)) : "(" + r.getString(8) + ")";
            long sub = r.getLong(5);
            ip.columns.add(column + (r.wasNull() ? "" : "(" + sub + ")") + ("D".equals(r.getString(6)) ? " DESC" : ""));
        });
        Map<String, List<Index>> indexes = new LinkedHashMap<>();
        parts.forEach((table, byName) -> byName.forEach((name, ip) -> indexes.computeIfAbsent(table, t -> new ArrayList<>())
                .add(new Index(name, ip.definition(name, MySqlSchemaSql.qualified(schema, table))))));
        return indexes;
    }

    private static final class Key {
        String kind;
        final List<String> columns = new ArrayList<>();
        String refSchema;
        String refTable;
        final List<String> refColumns = new ArrayList<>();
        String onUpdate;
        String onDelete;

        String definition(String ownDatabase) {
            if (kind.equals("PRIMARY KEY")) {
                return "PRIMARY KEY (" + MySqlSchemaSql.list(columns) + ")";
            }
            String target = MySqlSchemaSql.qualified(refSchema.equals(ownDatabase) ? null : refSchema, refTable);
            // RESTRICT is what an FK without the clause does: leaving it out matches SHOW CREATE TABLE
            return "FOREIGN KEY (" + MySqlSchemaSql.list(columns) + ") REFERENCES " + target + " (" + MySqlSchemaSql.list(refColumns) + ")"
                    + (onDelete == null || onDelete.equals("RESTRICT") ? "" : " ON DELETE " + onDelete)
                    + (onUpdate == null || onUpdate.equals("RESTRICT") ? "" : " ON UPDATE " + onUpdate);
        }
    }

    private static final class IndexParts {
        boolean unique;
        String type;
        final List<String> columns = new ArrayList<>();

        String definition(String name, String table) {
            String kind = type.equals("FULLTEXT") || type.equals("SPATIAL") ? type + " " : unique ? "UNIQUE " : "";
            return "CREATE " + kind + "INDEX " + MySqlSchemaSql.q(name) + " ON " + table + " (" + String.join(", ", columns) + ")"
                    + (type.equals("HASH") ? " USING HASH" : "");
        }
    }

    private void query(String sql, Queries.RowHandler handler) throws SQLException {
        Queries.forEachRow(c, sql, List.of(database), handler);
    }
}
